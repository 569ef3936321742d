/** The names this package registers in n8n. */
export const THREADS_PACKAGE = 'n8n-nodes-meta-threads';
export const THREADS_NODE_TYPE = `${THREADS_PACKAGE}.threads`;
export const THREADS_TOOL_NODE_TYPE = `${THREADS_PACKAGE}.threadsTool`;
export const THREADS_CREDENTIAL_TYPE = 'threadsOAuth2Api';
export const THREADS_TRIGGER_NODE_TYPE = `${THREADS_PACKAGE}.threadsTrigger`;
export const THREADS_POLL_TRIGGER_NODE_TYPE = `${THREADS_PACKAGE}.threadsPollTrigger`;
export const THREADS_STORAGE_CREDENTIAL_TYPE = 'threadsS3Storage';
