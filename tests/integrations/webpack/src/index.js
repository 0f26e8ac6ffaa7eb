// As the README's webpack section says: import the package by name; the
// element defines itself.
import 'chanjiao-widget';
