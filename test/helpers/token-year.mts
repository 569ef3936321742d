/**
 * What months of runs should do to a Threads token, worked out from the documented rule alone (not
 * the credential's code): a run refreshes the token once it is at least "Refresh After (Days)" old
 * and more than a day old (Meta's 24 hours, which the credential keeps a margin from), and the
 * refreshed token is a day-0 token again. Shared by the engine and the real-n8n year tests.
 */

/**
 * The days (counted from the run that exchanged the authorization code, day 0) whose run refreshes
 * the token, for runs on `runDays` in ascending order. Every gap must stay under the 60-day lifetime.
 */
export function impliedRefreshDays(runDays: readonly number[], refreshAfterDays: number): number[] {
	const refreshes: number[] = [];
	let issuedOn = runDays[0];
	for (const day of runDays.slice(1)) {
		if (day - issuedOn >= 60) throw new Error(`no run for 60 days before day ${day}: the token expired`);
		if (day - issuedOn >= refreshAfterDays && day - issuedOn > 1) {
			refreshes.push(day);
			issuedOn = day;
		}
	}
	return refreshes;
}

export interface YearTally {
	/** Calendar days from the first run to the last, both counted. */
	days: number;
	runs: number;
	refreshes: number;
	authFailures: number;
}

/** The summary line both year tests print. */
export function tallyLine({ days, runs, refreshes, authFailures }: YearTally): string {
	return `days ${days}, runs ${runs}, refreshes ${refreshes}, auth failures ${authFailures}`;
}
