// The one line the README's Vite section adds, as printed there: Vite's dev
// server pre-bundles dependencies into node_modules/.vite/deps/, away from the
// files they load by `new URL('./…', import.meta.url)`; `vite build` needs nothing.
export default { optimizeDeps: { exclude: ['chanjiao-widget'] } };
