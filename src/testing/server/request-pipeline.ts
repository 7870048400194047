import type { IncomingMessage, ServerResponse } from 'node:http';

import type { IncomingCall, ServerContext } from './context.js';
import { dispatch, isDataRoute } from './dispatch.js';
import { withEtag } from './etag.js';
import { replacementReply } from './fault-replies.js';
import type { Fault, FaultPlan } from './faults.js';
import { headerRecord, isFormEncoded, readBody } from './http-io.js';
import { writePartThenClose, writeReply } from './http-io.js';
import type { Reply } from './reply.js';
import { problemReply } from './reply.js';
import type { RequestLog } from './request-log.js';
import { applyCapabilityFault, applyTransportFault } from './response-faults.js';
import type { RouteMatch } from './router.js';
import { matchRoute } from './router.js';

export interface PipelineEnv {
  readonly context: ServerContext;
  readonly log: RequestLog;
  readonly faults: FaultPlan;
  /** Waits on the server's scheduler; false when the server closed first. */
  delay(ms: number): Promise<boolean>;
}

/** One request: log it, pick its fault, answer it (or not), and record the status sent. */
export async function serveRequest(
  env: PipelineEnv,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const { context, log } = env;
  const method = request.method ?? 'GET';
  const url = new URL(request.url ?? '/', context.issuer);
  const headers = headerRecord(request.headers);
  const body = await readBody(request);
  const form = isFormEncoded(headers) ? new URLSearchParams(body) : undefined;
  const route = matchRoute(url.pathname);

  const entry = log.record({
    method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers,
    ...(form === undefined ? {} : { form: Object.fromEntries(form) }),
    atMs: context.settings.clock.now(),
    route: route.name,
  });
  const fault = env.faults.take(route);
  entry.fault = fault?.kind;
  const send = (reply: Reply): void => {
    entry.status = reply.status;
    writeReply(response, reply);
  };

  // Waiters are told only once the fault is armed, so that a test sees a latency timer.
  switch (fault?.kind) {
    case 'hang':
      log.announce(entry);
      return;
    case 'reset':
      log.announce(entry);
      request.socket.resetAndDestroy();
      return;
    case 'status':
    case 'oauthError':
    case 'html':
    case 'text':
      log.announce(entry);
      send(replacementReply(fault));
      return;
    case 'latency': {
      const delayed = env.delay(fault.delayMs);
      log.announce(entry);
      if (!(await delayed)) return;
      break;
    }
    case undefined:
    case 'truncatedJson':
    case 'wrongContentType':
    case 'resetMidBody':
    case 'capabilityVanishes':
    case 'capabilityNull':
    case 'omitRefreshToken':
      log.announce(entry);
      break;
  }

  // The handler sees the time it answers at, after any latency.
  const call: IncomingCall = { method, url, headers, form, nowMs: context.settings.clock.now() };
  const reply = answer(call, route, context, fault);
  if (fault?.kind === 'resetMidBody') {
    entry.status = reply.status;
    writePartThenClose(response, reply, fault.keepBytes);
    return;
  }
  send(reply);
}

function answer(
  call: IncomingCall,
  route: RouteMatch,
  context: ServerContext,
  fault: Fault | undefined,
): Reply {
  let reply = safeDispatch(call, route, context, fault);
  reply = applyCapabilityFault(reply, fault);
  if (context.settings.etags && isDataRoute(route.name)) {
    reply = withEtag(reply, call.headers['if-none-match']);
  }
  return applyTransportFault(reply, fault);
}

/** A scenario that throws is a bug in the test's data: say so, loudly but over HTTP. */
function safeDispatch(
  call: IncomingCall,
  route: RouteMatch,
  context: ServerContext,
  fault: Fault | undefined,
): Reply {
  try {
    return dispatch(call, route, context, fault);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    context.settings.logger.error('mock Tibber server handler failed', {
      route: route.name,
      message,
    });
    return problemReply(500, `The mock's scenario failed: ${message}`);
  }
}
