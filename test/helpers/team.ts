// The team the tests of texts (update, escalate, handoff) work with: three
// contacts, reached in different ways, and a dashboard link. Shared by the
// spawned and the in-process tests, so both tell the same story.
export const TEAM_CONFIG = `contacts:
  alice:
    name: Alice Chen
    role: SRE on call
    chat: "@alice"
  bob:
    name: Bob Stone
    role: database on-call
    phone: "+1 555 0101"
    reach: page first
  carol:
    name: Carol Diaz
    role: payments lead
    email: carol@example.com
links:
  dashboard: https://grafana.example.com/d/checkout
`;
