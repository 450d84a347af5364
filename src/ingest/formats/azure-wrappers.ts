/**
 * Wrapper documents of Microsoft's APIs and pipelines:
 *
 * - `{"value":[...], "@odata.nextLink": ...}`: one page of a Microsoft Graph list
 *   (auditLogs/signIns, auditLogs/directoryAudits) or of an Azure Resource Manager list
 *   (the Activity Log REST API). The next-page link is evidence like the rest: never
 *   followed. Pages saved one after another in one file are read as one file.
 * - `{"records":[...]}`: a diagnostic-setting blob or Event Hub message (Entra sign-in
 *   and audit categories, the Activity log, other resource logs).
 *
 * `value` is a common key; a page whose records are of no kind Keytrail reads is left
 * for other wrappers (return null) rather than failing the file here.
 */
import { KeytrailError } from '../../errors.js';
import { arrayElements } from '../json-scan.js';
import type { EventSource, Extracted } from './types.js';
import type { Classify, Member, Wrapper } from './wrappers.js';

const OPEN_BRACKET = 0x5b;

function readArray(
  text: Buffer,
  member: Member,
  classify: Classify,
  form: string,
  fallback: EventSource,
): Extracted | null {
  if (text[member.value.start] !== OPEN_BRACKET) return null;
  try {
    return classify(arrayElements(text, member.value.start).items, form, fallback);
  } catch (err) {
    if (err instanceof KeytrailError && err.code === 'unknown_format') return null;
    throw err;
  }
}

/** The string value of `@odata.context`, which names the Graph collection, or ''. */
function odataContext(text: Buffer, members: Member[]): string {
  const context = members.find((m) => m.key === '@odata.context');
  if (!context) return '';
  try {
    const value: unknown = JSON.parse(
      text.toString('utf8', context.value.start, context.value.end),
    );
    return typeof value === 'string' ? value : '';
  } catch {
    return '';
  }
}

const graphValue: Wrapper = {
  key: 'value',
  read: (text, member, members, classify) => {
    // An empty page says what it lists only in its context URL (…#auditLogs/signIns).
    const context = odataContext(text, members);
    const fallback: EventSource = context.includes('directoryAudits')
      ? 'entra_audit'
      : context.includes('signIns')
        ? 'entra_signin'
        : 'azure_activity';
    return readArray(text, member, classify, 'api-page', fallback);
  },
};

const diagnosticRecords: Wrapper = {
  key: 'records',
  read: (text, member, _members, classify) =>
    readArray(text, member, classify, 'diagnostic-records', 'azure_activity'),
};

export const AZURE_WRAPPERS: readonly Wrapper[] = [graphValue, diagnosticRecords];
