// Links the browser suite knows to be dead for now, each with the reason.
//
// Strict: a gap that starts to work fails the suite with a message to delete
// its line here, so no entry outlives its reason and hides a later break.
export const KNOWN_GAPS = [
  {
    path: '/planer/digitalisering-og-smart-teknologi',
    status: 404,
    reason: 'the plan page lands with the plan pages issue; the home page links to it already',
  },
];
