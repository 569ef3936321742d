import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { attempt } from '../shared/attempt';
import type { Admission } from './types';

type Admit<Prepared> = (
	this: IExecuteFunctions,
	prepared: Array<Prepared | undefined>,
) => Promise<Map<number, Admission>>;

/**
 * Skip If Already Posted Within, as the first part of an operation's `admit`: every item with the
 * option on is looked for, in input order, before any item runs (so nothing is uploaded for it).
 * An item found is output as it is (status ALREADY_PUBLISHED, paired with its input item) and
 * uses no quota; one that cannot be checked is refused with its error. `then` (the quota check)
 * sees the rest.
 */
export function skippingEarlierPosts<Prepared>(
	findEarlier: (
		this: IExecuteFunctions,
		prepared: Prepared,
		itemIndex: number,
	) => Promise<IDataObject | undefined>,
	then: Admit<Prepared>,
): Admit<Prepared> {
	return async function admit(this: IExecuteFunctions, prepared) {
		const held = new Map<number, Admission>();
		for (const [itemIndex, item] of prepared.entries()) {
			if (item === undefined) continue;
			const found = await attempt(async () => await findEarlier.call(this, item, itemIndex));
			if (!found.ok) {
				held.set(itemIndex, found.error as Error);
				// Without Continue On Fail the run stops at this refusal: nothing more to look for.
				if (!this.continueOnFail()) return held;
			} else if (found.value) {
				held.set(itemIndex, { deferred: found.value });
			}
		}
		const rest = prepared.map((item, itemIndex) => (held.has(itemIndex) ? undefined : item));
		for (const [itemIndex, admission] of await then.call(this, rest)) {
			held.set(itemIndex, admission);
		}
		return held;
	};
}
