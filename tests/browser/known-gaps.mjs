// Links the browser suite knows to be dead for now, each with the reason.
//
// Strict: a gap that starts to work fails the suite with a message to delete
// its line here, so no entry outlives its reason and hides a later break.
export const KNOWN_GAPS = [];
