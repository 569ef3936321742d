/** TCP ports on this machine: a free one, or whether one is taken. */
import net from 'node:net';

/** A TCP port that is free on 127.0.0.1 right now (the OS picks it). */
export async function getFreePort(host = '127.0.0.1'): Promise<number> {
	return await new Promise<number>((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, host, () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

/** Whether something accepts TCP connections on host:port. */
export async function isPortInUse(port: number, host = '127.0.0.1'): Promise<boolean> {
	return await new Promise<boolean>((resolve) => {
		const socket = net.connect({ port, host });
		socket.setTimeout(1000);
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('timeout', () => {
			socket.destroy();
			resolve(false);
		});
		socket.once('error', () => resolve(false));
	});
}
