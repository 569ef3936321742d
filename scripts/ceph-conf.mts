/**
 * ceph.conf for a one-machine throwaway cluster (scripts/ceph.mts): one monitor on a v1 address,
 * one OSD keeping objects in memory, radosgw on loopback, everything under `dir`.
 */
export interface CephConfInput {
	dir: string;
	fsid: string;
	monPort: number;
	rgwPort: number;
}

export function cephConf({ dir, fsid, monPort, rgwPort }: CephConfInput): string {
	return `[global]
fsid = ${fsid}
mon host = v1:127.0.0.1:${monPort}
mon initial members = a
public addr = 127.0.0.1
auth cluster required = cephx
auth service required = cephx
auth client required = cephx
keyring = ${dir}/admin.keyring
# msgr2 needs a second port; one v1 address is enough on loopback.
ms bind msgr2 = false
ms bind ipv6 = false
# One OSD: pools of size 1, placement across OSDs rather than hosts, few placement groups.
mon allow pool size one = true
mon warn on pool no redundancy = false
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
mon max pg per osd = 1000
osd crush chooseleaf type = 0
osd objectstore = memstore
memstore device bytes = 4294967296
# Without these the monitor stops when the disk is nearly full, which says nothing about S3.
mon data avail crit = 0
mon data avail warn = 0
run dir = ${dir}/run
admin socket = ${dir}/run/$name.asok
pid file = ${dir}/run/$name.pid
log file = ${dir}/log/$name.log

[mon.a]
mon data = ${dir}/mon

[osd.0]
osd data = ${dir}/osd
keyring = ${dir}/osd/keyring

[client.rgw.a]
rgw frontends = beast endpoint=127.0.0.1:${rgwPort}
# Deleted objects' data is freed by radosgw's garbage collector, by default 2 hours later: the OSD
# keeps everything in memory, and blocks writes (rather than failing them) once full.
rgw gc obj min wait = 5
rgw gc processor period = 10
rgw data = ${dir}/rgw
keyring = ${dir}/rgw.keyring
`;
}
