// Generated from the event schemas by test/unit/domain/incident/exact-specs.test.ts
// (UPDATE_GOLDEN=1 npx vitest run test/unit/domain/incident/exact-specs.test.ts): each
// type's Spec (exact.ts) as JSON, read when a line or an event of that type is first
// checked; a subtree several Specs share is written once, in EXACT_SHARED
// (exact.ts expandSpec). A type that is not here goes through zod.
export const EXACT_SHARED =
  '[{"t":"values","values":[1]},{"t":"string","min":1,"patterns":[]},{"t":"string","min":0,"patterns":{"$r":3}},[{"$r":4}],["^\\\\d{4}-\\\\d{2}-\\\\d{2}T\\\\d{2}:\\\\d{2}:\\\\d{2}\\\\.\\\\d{3}Z$",""],{"t":"optional","inner":{"$r":2}},{"t":"optional","inner":{"$r":7}},{"t":"values","values":[true]},{"t":"optional","inner":{"$r":9}},{"t":"number","int":true,"bounds":[[1,true]]},{"t":"optional","inner":{"$r":11}},{"t":"string","min":0,"patterns":[]},{"t":"values","values":{"$r":13}},["SEV1","SEV2","SEV3","SEV4"],{"t":"optional","inner":{"$r":15}},{"t":"record","value":{"$r":11}},{"t":"optional","inner":{"$r":17}},{"t":"number","int":true,"bounds":[]},{"t":"optional","inner":{"$r":19}},{"t":"nullable","inner":{"$r":2}},["v","id","incident","ts","recordedAt","actor","drill","lamport","hlc","type","summary"],{"t":"optional","inner":{"$r":1}},{"t":"record","value":{"t":"unknown"}},{"t":"nullable","inner":{"$r":17}},{"t":"number","int":false,"bounds":[[0,true]]},{"t":"optional","inner":{"$r":26}},{"t":"number","int":true,"bounds":[[0,true]]},{"t":"optional","inner":{"t":"boolean"}},{"t":"optional","inner":{"$r":29}},{"t":"array","element":{"$r":11},"min":0},["v","id","incident","ts","recordedAt","actor","drill","lamport","hlc","type","stepId"]]';

export const EXACT_SPECS: Readonly<Partial<Record<string, string>>> = {
  'incident.opened':
    '{"t":"object","keys":["v","id","incident","ts","recordedAt","actor","drill","lamport","hlc","type","title","service","severity","impact","startedAt","detectedAt","alertedAt","alert","labels","source","links","nextUpdateDue"],"fields":[{"$r":0},{"$r":1},{"$r":1},{"$r":2},{"$r":5},{"$r":1},{"$r":6},{"$r":8},{"$r":5},{"t":"values","values":["incident.opened"]},{"$r":1},{"$r":10},{"$r":12},{"$r":10},{"$r":5},{"$r":5},{"$r":5},{"$r":10},{"$r":14},{"t":"optional","inner":{"t":"object","keys":["system","id","number","url"],"fields":[{"t":"values","values":["pagerduty","alertmanager"]},{"$r":1},{"$r":16},{"$r":10}]}},{"t":"optional","inner":{"t":"array","element":{"t":"object","keys":["name","url"],"fields":[{"$r":11},{"$r":11}]},"min":0}},{"$r":18}]}',
  'incident.mitigated':
    '{"t":"object","keys":{"$r":20},"fields":[{"$r":0},{"$r":1},{"$r":1},{"$r":2},{"$r":5},{"$r":1},{"$r":6},{"$r":8},{"$r":5},{"t":"values","values":["incident.mitigated"]},{"$r":10}]}',
  'incident.resolved':
    '{"t":"object","keys":{"$r":20},"fields":[{"$r":0},{"$r":1},{"$r":1},{"$r":2},{"$r":5},{"$r":1},{"$r":6},{"$r":8},{"$r":5},{"t":"values","values":["incident.resolved"]},{"$r":10}]}',
  'severity.changed':
    '{"t":"object","keys":["v","id","incident","ts","recordedAt","actor","drill","lamport","hlc","type","from","to","reason","nextUpdateDue"],"fields":[{"$r":0},{"$r":1},{"$r":1},{"$r":2},{"$r":5},{"$r":1},{"$r":6},{"$r":8},{"$r":5},{"t":"values","values":["severity.changed"]},{"$r":12},{"$r":12},{"$r":10},{"$r":18}]}',
  'impact.changed':
    '{"t":"object","keys":["v","id","incident","ts","recordedAt","actor","drill","lamport","hlc","type","impact"],"fields":[{"$r":0},{"$r":1},{"$r":1},{"$r":2},{"$r":5},{"$r":1},{"$r":6},{"$r":8},{"$r":5},{"t":"values","values":["impact.changed"]},{"$r":1}]}',
  note: '{"t":"object","keys":["v","id","incident","ts","recordedAt","actor","drill","lamport","hlc","type","kind","text","runId","hypothesis"],"fields":[{"$r":0},{"$r":1},{"$r":1},{"$r":2},{"$r":5},{"$r":1},{"$r":6},{"$r":8},{"$r":5},{"t":"values","values":["note"]},{"t":"values","values":["note","action","finding","hypothesis","ruled-out","confirmed","decision"]},{"$r":1},{"$r":21},{"$r":21}]}',
  'update.sent':
    '{"t":"object","keys":["v","id","incident","ts","recordedAt","actor","drill","lamport","hlc","type","text","message","channel","nextUpdateDue"],"fields":[{"$r":0},{"$r":1},{"$r":1},{"$r":2},{"$r":5},{"$r":1},{"$r":6},{"$r":8},{"$r":5},{"t":"values","values":["update.sent"]},{"$r":1},{"$r":10},{"$r":10},{"$r":18}]}',
  escalation:
    '{"t":"object","keys":["v","id","incident","ts","recordedAt","actor","drill","lamport","hlc","type","to","toName","ask","channel"],"fields":[{"$r":0},{"$r":1},{"$r":1},{"$r":2},{"$r":5},{"$r":1},{"$r":6},{"$r":8},{"$r":5},{"t":"values","values":["escalation"]},{"$r":1},{"$r":10},{"$r":10},{"$r":10}]}',
  handoff:
    '{"t":"object","keys":["v","id","incident","ts","recordedAt","actor","drill","lamport","hlc","type","from","to","toName","note"],"fields":[{"$r":0},{"$r":1},{"$r":1},{"$r":2},{"$r":5},{"$r":1},{"$r":6},{"$r":8},{"$r":5},{"t":"values","values":["handoff"]},{"$r":1},{"$r":1},{"$r":10},{"$r":10}]}',
  'handoff.accepted':
    '{"t":"object","keys":["v","id","incident","ts","recordedAt","actor","drill","lamport","hlc","type","handoff"],"fields":[{"$r":0},{"$r":1},{"$r":1},{"$r":2},{"$r":5},{"$r":1},{"$r":6},{"$r":8},{"$r":5},{"t":"values","values":["handoff.accepted"]},{"$r":1}]}',
  'responder.joined':
    '{"t":"object","keys":["v","id","incident","ts","recordedAt","actor","drill","lamport","hlc","type"],"fields":[{"$r":0},{"$r":1},{"$r":1},{"$r":2},{"$r":5},{"$r":1},{"$r":6},{"$r":8},{"$r":5},{"t":"values","values":["responder.joined"]}]}',
  'delivery.queued':
    '{"t":"object","keys":["v","id","incident","ts","recordedAt","actor","drill","lamport","hlc","type","delivery","source","channel","via","kind","to","toName","dedupKey","collapse","target","request"],"fields":[{"$r":0},{"$r":1},{"$r":1},{"$r":2},{"$r":5},{"$r":1},{"$r":6},{"$r":8},{"$r":5},{"t":"values","values":["delivery.queued"]},{"$r":1},{"$r":1},{"$r":1},{"t":"values","values":["pagerduty","slack","teams","webhook","command","pagerduty-rest"]},{"t":"values","values":["escalation","handoff","update","acknowledge","resolve","note"]},{"$r":10},{"$r":10},{"$r":10},{"$r":10},{"$r":22},{"$r":22}]}',
  'delivery.attempted':
    '{"t":"object","keys":["v","id","incident","ts","recordedAt","actor","drill","lamport","hlc","type","delivery","channel","attempt","outcome","status","exitCode","error","durationMs","nextAttemptAt","rateLimited","bytes","tooLarge"],"fields":[{"$r":0},{"$r":1},{"$r":1},{"$r":2},{"$r":5},{"$r":1},{"$r":6},{"$r":8},{"$r":5},{"t":"values","values":["delivery.attempted"]},{"$r":1},{"$r":1},{"$r":9},{"t":"values","values":["delivered","retry","failed"]},{"$r":16},{"t":"optional","inner":{"$r":23}},{"$r":10},{"$r":24},{"$r":5},{"$r":6},{"$r":25},{"$r":6}]}',
  'delivery.requeued':
    '{"t":"object","keys":["v","id","incident","ts","recordedAt","actor","drill","lamport","hlc","type","delivery"],"fields":[{"$r":0},{"$r":1},{"$r":1},{"$r":2},{"$r":5},{"$r":1},{"$r":6},{"$r":8},{"$r":5},{"t":"values","values":["delivery.requeued"]},{"$r":1}]}',
  'silence.created':
    '{"t":"object","keys":["v","id","incident","ts","recordedAt","actor","drill","lamport","hlc","type","silence","matchers","startsAt","endsAt","comment"],"fields":[{"$r":0},{"$r":1},{"$r":1},{"$r":2},{"$r":5},{"$r":1},{"$r":6},{"$r":8},{"$r":5},{"t":"values","values":["silence.created"]},{"$r":1},{"t":"array","element":{"t":"object","keys":["name","value","isRegex","isEqual"],"fields":[{"$r":1},{"$r":11},{"t":"boolean"},{"$r":27}]},"min":1},{"$r":2},{"$r":2},{"$r":11}]}',
  'silence.expired':
    '{"t":"object","keys":["v","id","incident","ts","recordedAt","actor","drill","lamport","hlc","type","silence"],"fields":[{"$r":0},{"$r":1},{"$r":1},{"$r":2},{"$r":5},{"$r":1},{"$r":6},{"$r":8},{"$r":5},{"t":"values","values":["silence.expired"]},{"$r":1}]}',
  'command.started':
    '{"t":"object","keys":["v","id","incident","ts","recordedAt","actor","drill","lamport","hlc","type","runId","argv","shell","via","values","cwd","stepId","command","poll"],"fields":[{"$r":0},{"$r":1},{"$r":1},{"$r":2},{"$r":5},{"$r":1},{"$r":6},{"$r":8},{"$r":5},{"t":"values","values":["command.started"]},{"$r":1},{"t":"array","element":{"$r":11},"min":1},{"$r":10},{"t":"optional","inner":{"t":"values","values":["shell"]}},{"$r":14},{"$r":11},{"$r":10},{"$r":8},{"$r":8}]}',
  'command.finished':
    '{"t":"object","keys":["v","id","incident","ts","recordedAt","actor","drill","lamport","hlc","type","runId","exitCode","signal","durationMs","outputTail","interrupted","stepId","variables","withheld","unset","cwdAfter","failedLine","pipestatus","castRange"],"fields":[{"$r":0},{"$r":1},{"$r":1},{"$r":2},{"$r":5},{"$r":1},{"$r":6},{"$r":8},{"$r":5},{"t":"values","values":["command.finished"]},{"$r":1},{"$r":23},{"$r":10},{"$r":24},{"$r":11},{"$r":27},{"$r":10},{"$r":14},{"$r":28},{"$r":28},{"$r":10},{"$r":8},{"t":"optional","inner":{"t":"array","element":{"$r":17},"min":0}},{"t":"optional","inner":{"t":"object","keys":["file","start","end"],"fields":[{"$r":1},{"$r":24},{"$r":24}]}}]}',
  'command.skipped':
    '{"t":"object","keys":["v","id","incident","ts","recordedAt","actor","drill","lamport","hlc","type","stepId","command"],"fields":[{"$r":0},{"$r":1},{"$r":1},{"$r":2},{"$r":5},{"$r":1},{"$r":6},{"$r":8},{"$r":5},{"t":"values","values":["command.skipped"]},{"$r":11},{"$r":9}]}',
  'runbook.attached':
    '{"t":"object","keys":["v","id","incident","ts","recordedAt","actor","drill","lamport","hlc","type","runbook"],"fields":[{"$r":0},{"$r":1},{"$r":1},{"$r":2},{"$r":5},{"$r":1},{"$r":6},{"$r":8},{"$r":5},{"t":"values","values":["runbook.attached"]},{"t":"object","keys":["id","title","file","hash"],"fields":[{"$r":11},{"$r":11},{"$r":11},{"$r":11}]}]}',
  'step.started':
    '{"t":"object","keys":{"$r":30},"fields":[{"$r":0},{"$r":1},{"$r":1},{"$r":2},{"$r":5},{"$r":1},{"$r":6},{"$r":8},{"$r":5},{"t":"values","values":["step.started"]},{"$r":11}]}',
  'step.completed':
    '{"t":"object","keys":["v","id","incident","ts","recordedAt","actor","drill","lamport","hlc","type","stepId","note"],"fields":[{"$r":0},{"$r":1},{"$r":1},{"$r":2},{"$r":5},{"$r":1},{"$r":6},{"$r":8},{"$r":5},{"t":"values","values":["step.completed"]},{"$r":11},{"$r":10}]}',
  'step.skipped':
    '{"t":"object","keys":["v","id","incident","ts","recordedAt","actor","drill","lamport","hlc","type","stepId","reason"],"fields":[{"$r":0},{"$r":1},{"$r":1},{"$r":2},{"$r":5},{"$r":1},{"$r":6},{"$r":8},{"$r":5},{"t":"values","values":["step.skipped"]},{"$r":11},{"$r":1}]}',
  'step.answered':
    '{"t":"object","keys":["v","id","incident","ts","recordedAt","actor","drill","lamport","hlc","type","stepId","variable","value","secret"],"fields":[{"$r":0},{"$r":1},{"$r":1},{"$r":2},{"$r":5},{"$r":1},{"$r":6},{"$r":8},{"$r":5},{"t":"values","values":["step.answered"]},{"$r":11},{"$r":11},{"$r":10},{"$r":27}]}',
  'step.decided':
    '{"t":"object","keys":["v","id","incident","ts","recordedAt","actor","drill","lamport","hlc","type","stepId","choice","next"],"fields":[{"$r":0},{"$r":1},{"$r":1},{"$r":2},{"$r":5},{"$r":1},{"$r":6},{"$r":8},{"$r":5},{"t":"values","values":["step.decided"]},{"$r":11},{"$r":11},{"$r":11}]}',
  'step.waited':
    '{"t":"object","keys":["v","id","incident","ts","recordedAt","actor","drill","lamport","hlc","type","stepId","outcome","waitedMs","polls"],"fields":[{"$r":0},{"$r":1},{"$r":1},{"$r":2},{"$r":5},{"$r":1},{"$r":6},{"$r":8},{"$r":5},{"t":"values","values":["step.waited"]},{"$r":11},{"t":"values","values":["elapsed","passed","timed-out","cancelled"]},{"$r":24},{"$r":25}]}',
  'walk.moved':
    '{"t":"object","keys":["v","id","incident","ts","recordedAt","actor","drill","lamport","hlc","type","from","to","reason"],"fields":[{"$r":0},{"$r":1},{"$r":1},{"$r":2},{"$r":5},{"$r":1},{"$r":6},{"$r":8},{"$r":5},{"t":"values","values":["walk.moved"]},{"$r":10},{"$r":11},{"t":"values","values":["back","jump"]}]}',
  'walk.paused':
    '{"t":"object","keys":{"$r":30},"fields":[{"$r":0},{"$r":1},{"$r":1},{"$r":2},{"$r":5},{"$r":1},{"$r":6},{"$r":8},{"$r":5},{"t":"values","values":["walk.paused"]},{"$r":10}]}',
  'walk.resumed':
    '{"t":"object","keys":{"$r":30},"fields":[{"$r":0},{"$r":1},{"$r":1},{"$r":2},{"$r":5},{"$r":1},{"$r":6},{"$r":8},{"$r":5},{"t":"values","values":["walk.resumed"]},{"$r":10}]}',
  'command.edited':
    '{"t":"object","keys":["v","id","incident","ts","recordedAt","actor","drill","lamport","hlc","type","stepId","original","edited"],"fields":[{"$r":0},{"$r":1},{"$r":1},{"$r":2},{"$r":5},{"$r":1},{"$r":6},{"$r":8},{"$r":5},{"t":"values","values":["command.edited"]},{"$r":11},{"$r":11},{"$r":11}]}',
  'walk.finished':
    '{"t":"object","keys":{"$r":20},"fields":[{"$r":0},{"$r":1},{"$r":1},{"$r":2},{"$r":5},{"$r":1},{"$r":6},{"$r":8},{"$r":5},{"t":"values","values":["walk.finished"]},{"$r":10}]}',
};
