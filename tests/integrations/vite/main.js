// As the README's Vite section says: import the package by name; the
// element defines itself.
import 'chanjiao-widget';
