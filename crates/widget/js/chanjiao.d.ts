// Types of chanjiao.js, the module a host page loads. Kept by hand beside it;
// scripts/test.sh checks them with `tsc --noEmit` against tests/types/.
// The package is an ES module only (no CommonJS `require`).

/** An applicant type's code, as `types` and answers files name it. */
export type ApplicantTypeCode = 'ENT' | 'SCH-VOC' | 'SCH-UG' | 'IND-WORKER' | 'IND-GRAD' | 'IND-TEACHER' | 'ORG';

/** What `mount` and the element's attributes set. */
export interface MountOptions {
  /** `zh-CN` (the default) or `en`. */
  lang?: 'zh-CN' | 'en' | string;
  /** Applicant types to offer, comma-separated codes (default: all seven). */
  types?: string;
  /** The evaluation date, `YYYY-MM-DD` (default: today in China Standard Time). */
  date?: string;
  /** A prefix for the storage key, so that several widgets keep separate drafts. */
  draftKeyPrefix?: string;
  /** A same-origin policy pack (a successor policy as data). */
  policy?: string;
  /** Its Subresource Integrity hash, e.g. `sha384-…`; required with `policy`. */
  policyIntegrity?: string;
  /** `off` keeps the widget's steps out of the browser's history (default: each step is an entry). */
  history?: 'on' | 'off';
  /**
   * The folder the package's WebAssembly and font are served from, when not
   * beside chanjiao.js or where a bundler put them (e.g. a CDN path). Read by
   * the first widget that loads a file.
   */
  assets?: string;
}

/** A mounted widget. */
export interface Widget {
  /** Removes the widget from the page; its saved draft stays in storage. */
  unmount(): void;
  /** Frees the WebAssembly side after `unmount`. */
  free(): void;
}

/**
 * Mounts a widget in `element` (in a shadow root). Resolves when its first
 * screen shows (the rest of the widget is fetched while the user reads it);
 * rejects with `PolicyRefused` when a policy pack fails its hash or its checks.
 */
export function mount(element: HTMLElement, options?: MountOptions): Promise<Widget>;

/** A policy pack refused: its integrity hash, origin or checks failed. */
export class PolicyRefused extends Error {
  name: 'PolicyRefused';
  /** Where in the pack the rules found the fault (e.g. `values.a11_sme_per_hire`), or ''. */
  key: string;
}

/**
 * A file of the package did not arrive. `setup` is true when the server
 * answered with something else (an error status, an HTML page, bytes that are
 * not WebAssembly), which the site's configuration must fix; false when the
 * connection failed.
 */
export class LoadError extends Error {
  name: 'LoadError';
  /** The file's address. */
  readonly url: string;
  readonly setup: boolean;
}

/** Answers that cannot be evaluated, naming the answer. */
export class EvaluationError extends Error {
  /** What went wrong, e.g. `invalid-answer`, `unknown-question`, `date-after-evaluation`. */
  readonly kind: string;
  /** The answer's key, e.g. `ent_employees`, or `years.2024.graduates_hired`; null when none. */
  readonly field: string | null;
  /** The message in both languages. */
  readonly messages: Bilingual;
}

/** A text in both languages. */
export interface Bilingual {
  'zh-CN': string;
  en: string;
}

/** One answer's value as an answers file holds it. */
export type AnswerValue = string | number | boolean | null | ApplicantTypeCode[];

/**
 * An answers file: question ids (docs/answers.md) to values, and optionally
 * `years`, each year's facts under its four-digit year.
 */
export interface Answers {
  applicant_type?: ApplicantTypeCode | ApplicantTypeCode[] | null;
  years?: Record<string, Record<string, AnswerValue>>;
  [question: string]: AnswerValue | Record<string, Record<string, AnswerValue>> | undefined;
}

/** Options of `evaluate`. */
export interface EvaluateOptions {
  /** The evaluation date, `YYYY-MM-DD` (default: today in China Standard Time). */
  date?: string;
  /** A same-origin policy pack, as for `mount`. */
  policy?: string;
  /** Its Subresource Integrity hash. */
  policyIntegrity?: string;
  /** Where the package's files are served from, as for `mount`. */
  assets?: string;
}

/** A result's status. */
export type Status = 'eligible' | 'manual-review' | 'undetermined' | 'not-eligible' | 'not-applicable' | 'information';

/** An amount, tagged by `kind` (docs/json-output.md). */
export type Amount =
  | { kind: 'none' }
  | { kind: 'exact'; yuan: string }
  | { kind: 'range'; min: string; max: string }
  | { kind: 'up-to'; cap: string }
  | { kind: 'annual-notice' }
  | { kind: 'in-kind'; quantity: string | null; unit: Bilingual | null; until: string | null }
  | { kind: 'obligation'; min: string | null; max: string | null; unit: Bilingual }
  | { kind: 'credit'; investment: string; rate: string; generated: string; carried_in: string; payable: string; used: string; carried_forward: string };

/** Sums over results; money as decimal strings of yuan. */
export interface Totals {
  /** Eligible entries of every kind (money, support, obligations). */
  eligible: number;
  /** Eligible money to claim: grants, subsidies and the surcharge credit. */
  money: number;
  manual_review: number;
  undetermined: number;
  not_eligible: number;
  not_applicable: number;
  /** Entries for the applicant's information (status `information`), never counted as eligible. */
  information: number;
  cash_exact: string;
  cash_min: string;
  cash_max: string;
  cash_annual_notice: number;
  pending_cash_min: string;
  pending_cash_max: string;
}

/** One entry's result (docs/json-output.md lists every field). */
export interface EntryResult {
  incentive: { code: string; id: string; name_zh: string; name_en: string; clause: string; [field: string]: unknown };
  status: Status;
  missing: string[];
  amount: Amount;
  cash: boolean;
  reason: Bilingual;
  miss: { question: string | null; change: Bilingual } | null;
  flags: { code: string; text: Bilingual }[];
  evidence: string[];
  /** For a person of several roles: the role the entry is claimed under. */
  role?: ApplicantTypeCode;
  [field: string]: unknown;
}

/** The policy an evaluation was made under. */
export interface PolicySummary {
  number: string;
  rules_version: string;
  valid_from: string;
  valid_until: string;
  successors?: unknown[];
}

/** What `chanjiao evaluate --format json` prints for one year's answers. */
export interface Evaluation {
  format_version: 2;
  kind: 'evaluation';
  policy: PolicySummary;
  evaluated_on: string;
  applicant_type: ApplicantTypeCode | null;
  roles?: ApplicantTypeCode[];
  results: EntryResult[];
  totals: Totals;
}

/** What it prints for answers of several years. */
export interface YearsEvaluation {
  format_version: 2;
  kind: 'evaluation-years';
  policy: PolicySummary;
  evaluated_on: string;
  applicant_type: ApplicantTypeCode | null;
  roles?: ApplicantTypeCode[];
  once: EntryResult[];
  years: { year: number; results: EntryResult[]; totals: Totals }[];
  totals: Totals;
}

/**
 * Evaluates answers with no interface, exactly as `chanjiao evaluate --format
 * json` does. Rejects with `EvaluationError` for answers that cannot be
 * evaluated, and with `PolicyRefused` for a policy pack that fails its hash or
 * the rules' checks. The first call fetches the rules' second module from beside
 * chanjiao.js; nothing leaves the browser.
 */
export function evaluate(answers: Answers | string, options?: EvaluateOptions): Promise<Evaluation | YearsEvaluation>;

/** Fetches the forms module and the font once, reporting the font's bytes. */
export function loadPdf(onProgress?: (received: number, total: number) => void): Promise<unknown>;

/** The detail of the `chanjiao-result` event: ids, statuses, amounts, never who applied. */
export interface ResultDetail {
  policy: string;
  /** The policy packs loaded after the built-in plan, in order (none without a `policy`). */
  packs: { id: string; number: string; illustrative: boolean }[];
  /** True when a pack is an illustration, not a real policy: every figure shown is for demonstration only. */
  illustrative: boolean;
  rules_version: string;
  evaluated_on: string;
  applicant_type: ApplicantTypeCode | null;
  totals: Totals;
  incentives: { id: string; code: string; status: Status; amount_kind: Amount['kind']; amount: Amount; cash: boolean; year?: number }[];
}

/** `<chanjiao-widget>`: attributes as in `MountOptions`, in kebab case. */
export interface ChanjiaoWidgetElement extends HTMLElement {
  /** The mounted widget, once the WebAssembly has loaded. */
  widget: Widget | null;
  addEventListener<K extends keyof ChanjiaoWidgetEventMap>(
    type: K,
    listener: (this: ChanjiaoWidgetElement, event: ChanjiaoWidgetEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof ChanjiaoWidgetEventMap>(
    type: K,
    listener: (this: ChanjiaoWidgetElement, event: ChanjiaoWidgetEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

/** The element's own events. */
export interface ChanjiaoWidgetEventMap extends HTMLElementEventMap {
  /** Results were shown (bubbling, composed). */
  'chanjiao-result': CustomEvent<ResultDetail>;
}

declare global {
  interface HTMLElementTagNameMap {
    'chanjiao-widget': ChanjiaoWidgetElement;
  }
  interface DocumentEventMap {
    'chanjiao-result': CustomEvent<ResultDetail>;
  }
}
