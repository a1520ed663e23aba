#!/usr/bin/env python3
"""One QEMU boot for record-boots.sh: wait for a marker on the serial log, stop the VM, dump memory windows with
the HMP monitor's pmemsave, quit.

usage: drive.py SCRATCH MARKER TIMEOUT_S ADDR+SIZE[,ADDR+SIZE...] -- qemu-system-aarch64 ARGS...
Writes SCRATCH/serial.log (raw UART bytes) and SCRATCH/mem-ADDR.bin per window.
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


command('stop')
for window in filter(None, windows.split(',')):
    addr, size = window.split('+')
    # Quoted: HMP would read an unquoted "/path" as a division of the size expression.
    command('pmemsave %s %s "%s"' % (addr, size, os.path.join(scratch, 'mem-%s.bin' % addr)), 1.0)
command('quit')
proc.wait(60)
print('marker %r %s' % (marker.decode(), 'seen' if seen else 'NOT seen (timeout)'), file=sys.stderr)
