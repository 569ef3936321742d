import type { IExecuteFunctions } from 'n8n-workflow';

import { checksQuotaFirst } from '../parameters/postOptions';
import { type QuotaKind, refuseBeyondQuota } from '../publishing/quota';

/**
 * The `admit` step of a publishing operation: with Check Publishing Quota on and two or more
 * items, the quota is read once and the items beyond it are refused before anything is created.
 */
export function quotaAdmission<Prepared>(quotaOf: (prepared: Prepared) => QuotaKind | undefined) {
	return async function admit(
		this: IExecuteFunctions,
		prepared: Array<Prepared | undefined>,
	): Promise<Map<number, Error>> {
		if (!checksQuotaFirst(this, prepared.length)) return new Map();
		return await refuseBeyondQuota.call(
			this,
			prepared.map((item) => (item === undefined ? undefined : quotaOf(item))),
		);
	};
}
