import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { checksQuotaFirst, readWaitSettings } from '../parameters/postOptions';
import { type QuotaKind, findBeyondQuota, refuseBeyondQuota } from '../publishing/quota';
import type { Admission } from './types';

/**
 * The `admit` step of a publishing operation: with Check Publishing Quota on and two or more
 * items, the quota is read once and the items beyond it are refused before anything is created.
 * With Over Quota set to Defer (read from the first item, like the check itself), the quota is read
 * for one item too, and the items beyond it are deferred instead: not attempted, and output as
 * `{ status: 'DEFERRED', reason: 'quota', message, ...describe(item) }`.
 */
export function quotaAdmission<Prepared>(
	quotaOf: (prepared: Prepared) => QuotaKind | undefined,
	describe: (prepared: Prepared) => IDataObject = () => ({}),
) {
	return async function admit(
		this: IExecuteFunctions,
		prepared: Array<Prepared | undefined>,
	): Promise<Map<number, Admission>> {
		if (!checksQuotaFirst(this, prepared.length)) return new Map();
		const kinds = prepared.map((item) => (item === undefined ? undefined : quotaOf(item)));
		if (readWaitSettings(this, 0).overQuota !== 'defer') {
			return await refuseBeyondQuota.call(this, kinds);
		}
		const deferred = new Map<number, Admission>();
		for (const [itemIndex, message] of await findBeyondQuota.call(this, kinds)) {
			const item = prepared[itemIndex] as Prepared;
			deferred.set(itemIndex, {
				deferred: {
					status: 'DEFERRED',
					reason: 'quota',
					message: message.replace(
						/This item was not sent\.$/,
						'This item was deferred: nothing was sent. Publish it again once Get Publishing Limit shows room.',
					),
					...describe(item),
				},
			});
		}
		return deferred;
	};
}
