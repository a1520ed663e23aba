#!/usr/bin/env python3
"""Find Xen's console ring in the memory windows drive.py dumped and write its text (NULs stripped).

usage: extract-ring.py SCRATCH SERIAL_LOG RING_LOG
The ring is one naturally aligned xenheap block of the size Xen announces ("Allocated console ring of N KiB");
the candidate that holds the banner and the "Command line:" line wins. Exit status 1 when no ring is found.
"""
import glob
import os
import re
import sys

scratch, serial, out = sys.argv[1:]
size_kib = re.search(rb'Allocated console ring of (\d+) KiB', open(serial, 'rb').read())
ring_size = int(size_kib.group(1)) * 1024 if size_kib else 16 * 1024
best = None
for dump in glob.glob(os.path.join(scratch, 'mem-*.bin')):
    base = int(os.path.basename(dump)[4:-4], 16)
    data = open(dump, 'rb').read()
    for hit in re.finditer(rb'\(XEN\) Xen version', data):
        start = ((base + hit.start()) & ~(ring_size - 1)) - base
        block = data[max(start, 0):start + ring_size]
        if b'Command line:' in block and (best is None or len(block.replace(b'\0', b'')) > len(best[1])):
            best = (base + start, block.replace(b'\0', b''))
if best is None:
    sys.exit('no console ring found')
open(out, 'wb').write(best[1])
print('console ring at %#x (%d KiB), %d bytes of text' % (best[0], ring_size // 1024, len(best[1])), file=sys.stderr)
