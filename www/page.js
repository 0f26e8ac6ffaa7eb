// What a site's monitoring would keep: Content-Security-Policy violations and
// script errors on the page, read by the tests in every engine.
window.__csp = window.__csp ?? [];
window.__errors = window.__errors ?? [];
document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
window.addEventListener('error', (e) => window.__errors.push(String(e.message)));
window.addEventListener('unhandledrejection', (e) => window.__errors.push(String(e.reason)));

// The host page listens to the widget's event, as a site's analytics or a
// "next steps" box would. The event carries statuses and totals only.
document.addEventListener('chanjiao-result', (event) => {
  const { totals, incentives } = event.detail;
  const out = document.getElementById('last-result');
  if (out) {
    // In the language the widget shows, as a host's own box would be.
    const en = event.target.shadowRoot?.querySelector('.cj')?.lang === 'en';
    out.textContent = en
      ? `Results shown: ${totals.money} money incentive(s) to claim, ${incentives.length} relevant.`
      : `测算完成：${totals.money} 项资金可申请，${incentives.length} 项相关。`;
  }
  window.chanjiaoResults = (window.chanjiaoResults ?? []).concat([event.detail]);
});
