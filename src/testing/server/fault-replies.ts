import type { Fault, FaultBody, RetryAfter } from './faults.js';
import type { Reply } from './reply.js';
import {
  htmlReply,
  jsonReply,
  oauthErrorReply,
  statusTitle,
  textReply,
} from './reply.js';

/** The faults that answer in the handler's place. */
export type ReplacingFault = Extract<Fault, { kind: 'status' | 'oauthError' | 'html' | 'text' }>;

export function replacementReply(fault: ReplacingFault): Reply {
  switch (fault.kind) {
    case 'status':
      return statusFaultReply(fault);
    case 'oauthError': {
      const status = fault.status ?? (fault.error === 'invalid_client' ? 401 : 400);
      return oauthErrorReply(status, fault.error, fault.description ?? 'Injected error.');
    }
    case 'html':
      return htmlReply(fault.status, fault.html ?? proxyPage(fault.status));
    case 'text':
      return textReply(fault.status, fault.text);
  }
}

export function retryAfterHeader(retryAfter: RetryAfter): string {
  switch (retryAfter.kind) {
    case 'seconds':
      return String(retryAfter.seconds);
    case 'httpDate':
      // Whole seconds only: an HTTP-date has no finer unit.
      return new Date(retryAfter.atMs).toUTCString();
    case 'raw':
      return retryAfter.value;
  }
}

function statusFaultReply(fault: Extract<Fault, { kind: 'status' }>): Reply {
  const { status } = fault;
  const body: FaultBody = fault.body ?? { kind: 'json', value: { error: statusTitle(status) } };
  const reply =
    body.kind === 'json' ? jsonReply(status, body.value) : textReply(status, body.value);
  if (fault.retryAfter === undefined) return reply;

  const retryAfter = retryAfterHeader(fault.retryAfter);
  return { ...reply, headers: { ...reply.headers, 'retry-after': retryAfter } };
}

/** The page a reverse proxy such as nginx sends when it cannot reach the service. */
function proxyPage(status: number): string {
  const title = `${status} ${statusTitle(status)}`;
  return (
    `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n` +
    `<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`
  );
}
