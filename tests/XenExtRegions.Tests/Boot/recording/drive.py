#!/usr/bin/env python3
"""One QEMU boot for record-boots.sh: wait for a marker on the serial log, stop the VM, dump the RAM that holds
Xen's console ring with the HMP monitor's pmemsave, quit.

usage: drive.py SCRATCH MARKER TIMEOUT_S BASE+SIZE[,BASE+SIZE...] -- qemu-system-aarch64 ARGS...
BASE+SIZE are the host RAM banks. Xen allocates its console ring near the top of the heap, so the top 64 MiB of
every bank is dumped first; when no window holds the ring's banner, the banks are dumped whole, 256 MiB at a time,
until one does. Writes SCRATCH/serial.log (raw UART bytes) and SCRATCH/mem-ADDR.bin per dumped window.
"""
import os
import socket
import subprocess
import sys
import time

scratch, marker, timeout, windows = sys.argv[1], sys.argv[2].encode(), float(sys.argv[3]), sys.argv[4]
qemu = sys.argv[sys.argv.index('--') + 1:]
mon = os.path.join(scratch, 'mon.sock')
serial = os.path.join(scratch, 'serial.log')
for f in (mon, serial):
    if os.path.exists(f):
        os.remove(f)
proc = subprocess.Popen(qemu + ['-serial', 'file:' + serial, '-monitor', 'unix:%s,server=on,wait=off' % mon])
start, seen = time.time(), None
while time.time() - start < timeout and proc.poll() is None:
    time.sleep(0.2)
    try:
        data = open(serial, 'rb').read()
    except FileNotFoundError:
        continue
    if seen is None and marker in data:
        seen = time.time()
    if seen is not None and time.time() - seen > 1.0:  # let the lines after the marker drain
        break
if proc.poll() is not None:
    sys.exit('qemu exited early (rc %d)' % proc.returncode)
sock = socket.socket(socket.AF_UNIX)
sock.connect(mon)


def command(text, wait=0.3):
    sock.sendall(text.encode() + b'\n')
    time.sleep(wait)


def dump(addr, size):
    path = os.path.join(scratch, 'mem-%#x.bin' % addr)
    # Quoted: HMP would read an unquoted "/path" as a division of the size expression.
    command('pmemsave %#x %#x "%s"' % (addr, size, path), 1.0 + size / (256 << 20))
    for _ in range(100):  # pmemsave returns before a large file is complete on a slow disk
        if os.path.exists(path) and os.path.getsize(path) == size:
            break
        time.sleep(0.2)
    data = open(path, 'rb').read() if os.path.exists(path) else b''
    return b'(XEN) Xen version' in data and b'Command line:' in data


command('stop')
banks = [tuple(int(x, 0) for x in w.split('+')) for w in filter(None, windows.split(','))]
found = False
for base, size in banks:
    top = min(size, 64 << 20)
    found = dump(base + size - top, top) or found
if not found:
    for base, size in banks:
        for chunk in range(base, base + size - min(size, 64 << 20), 256 << 20):
            if dump(chunk, min(256 << 20, base + size - chunk)):
                found = True
                break
        if found:
            break
command('quit')
proc.wait(60)
print('marker %r %s' % (marker.decode(), 'seen' if seen else 'NOT seen (timeout)'), file=sys.stderr)
