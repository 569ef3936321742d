import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { DAY_MS, expiresInSeconds, isExpired, refreshDueAt } from '../../auth/tokenLifetime';
import { CREDENTIAL_TYPE, threadsApiRequest } from '../../transport/request';
import { readTokenState } from '../../auth/tokenLifecycle';
import type { OperationOption } from '../types';

export const option: OperationOption = {
	name: 'Get Token Info',
	description: 'Who the credential is connected to and when its token expires or refreshes',
	action: 'Get token info',
};

export const description: INodeProperties[] = [];

/** What the credential knows about its token (never the token itself), so a workflow can alert early. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	// A real call first: it runs the credential's exchange or refresh when one is due, and proves the token works.
	const me = await threadsApiRequest.call(this, {
		method: 'GET',
		path: '/me',
		qs: { fields: 'id,username' },
		scope: 'threads_basic',
		action: 'read the connected profile',
		itemIndex,
	});
	const credentials = await this.getCredentials(CREDENTIAL_TYPE, itemIndex);
	const state = readTokenState(credentials);
	const now = Date.now();
	if (!state) {
		return { userId: me.id, username: me.username, tokenKnown: false };
	}
	const refreshAfterDays = Number(credentials.refreshAfterDays) || undefined;
	return {
		userId: state.userId || me.id,
		username: state.username ?? me.username,
		scopes: state.scopes ?? null,
		issuedAt: new Date(state.issuedAt).toISOString(),
		refreshedAt: state.refreshedAt ? new Date(state.refreshedAt).toISOString() : null,
		expiresAt: new Date(state.expiresAt).toISOString(),
		refreshDueAt: new Date(refreshDueAt(state, refreshAfterDays ?? 0)).toISOString(),
		expiresInSeconds: expiresInSeconds(state, now),
		daysLeft: Math.max(0, Math.floor((state.expiresAt - now) / DAY_MS)),
		expired: isExpired(state, now),
	};
}
