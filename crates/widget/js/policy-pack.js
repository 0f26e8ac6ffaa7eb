// A policy pack a host names (a successor policy, as data): fetched from the
// page's own origin and held to its Subresource Integrity hash before the
// rules check it. The citizen widget (chanjiao.js, which imports this only
// when a page names a pack) and the officer's workbench (office.js) share it,
// so a pack is trusted on the same terms in both.

const SRI = { sha256: 'SHA-256', sha384: 'SHA-384', sha512: 'SHA-512' };

function base64(buffer) {
  let text = '';
  for (const byte of new Uint8Array(buffer)) text += String.fromCharCode(byte);
  return btoa(text);
}

async function checkIntegrity(bytes, integrity, Refused) {
  // Subresource Integrity: space-separated `alg-base64` tokens; the strongest
  // algorithm given decides, and any of its hashes may match.
  const tokens = integrity.trim().split(/\s+/).map((t) => t.split('?')[0]).map((t) => [t.slice(0, t.indexOf('-')), t.slice(t.indexOf('-') + 1)]);
  const known = tokens.filter(([alg]) => SRI[alg]);
  if (!known.length) throw new Refused(`policy-integrity "${integrity}" names no sha256, sha384 or sha512 hash`);
  const strongest = ['sha512', 'sha384', 'sha256'].find((alg) => known.some(([a]) => a === alg));
  const actual = base64(await crypto.subtle.digest(SRI[strongest], bytes));
  if (!known.some(([alg, hash]) => alg === strongest && hash === actual)) {
    throw new Refused(`the policy pack does not match its integrity hash (${strongest}-${actual} was fetched)`);
  }
}

/**
 * The pack at `url`, fetched from the page's own origin and held to its
 * Subresource Integrity hash `integrity`, as `{ text }`; any failure throws
 * `new Refused(reason)`, the caller's error class.
 */
export async function loadPolicy(url, integrity, Refused) {
  if (!integrity) throw new Refused('a policy pack needs policy-integrity (Subresource Integrity, e.g. sha384-…)');
  const href = new URL(url, document.baseURI);
  if (href.origin !== location.origin) throw new Refused(`the policy pack must come from this page's origin, not ${href.origin}`);
  if (!globalThis.crypto?.subtle) throw new Refused('crypto.subtle is unavailable: serve the page over HTTPS to use a policy pack');
  const response = await fetch(href, { credentials: 'same-origin' });
  if (!response.ok) throw new Refused(`the policy pack could not be fetched (HTTP ${response.status} for ${href})`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  await checkIntegrity(bytes, integrity, Refused);
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Refused('the policy pack is not UTF-8 text');
  }
  // The rules name the pack by its id, computed from the same bytes.
  return { text };
}
