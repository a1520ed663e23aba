#!/bin/sh
# Regenerates the images of this folder with the tool built from this checkout (run from anywhere).
set -e
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dotnet build "$root/src/XenExtRegions.Cli" -c Release -v quiet -nologo >/dev/null
tool="dotnet $root/src/XenExtRegions.Cli/bin/Release/net10.0/xen-ext-regions.dll"
# The embedded sample board (Renesas Salvator-X H3), without and with an IOMMU.
$tool dom0 --format svg -o "$here/dom0-salvator-x-h3.svg"
$tool dom0 --iommu --format svg -o "$here/dom0-iommu-salvator-x-h3.svg"
# A made-up dense board (tests/XenExtRegions.Tests/Cli/Fixtures/dense-board.py writes it): 119 device windows, 34 regions.
cd "$root/tests/XenExtRegions.Tests/Cli/Fixtures"
$tool dom0 --dtb dense-board.dts --iommu --ipa-bits 40 --gnttab 0xc0000000:256K --format svg -o "$here/dom0-iommu-dense-example.svg"
