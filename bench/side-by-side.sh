#!/usr/bin/env bash
# Ours against the C a user would otherwise run, in one process on the same bytes (issue 14's side-by-side suite):
#   DTB token walk vs libfdt's fdt_next_tag walk and vs a plain validating C loop (bench/peer/fdtpeer.c), tree build
#   and build + every property vs libfdt's node+property walk, P2 end to end per board (what `dom0 --iommu` computes)
#   vs the same walk, RangeSet whole-set report vs a C# linked-list walk, DTS <-> DTB in process vs a dtc process
#   per file, and (XER_CLI set) the CLI's start and per-file conversions vs fdtget / dtc processes.
# Prints a markdown table: ours, peer (per operation), ratio = median of the per-round ours/peer ratios (rounds
# interleaved, the order flipping every round) for wall time and for CPU time.
#
# Steps: 1. installs libfdt-dev and device-tree-compiler with apt-get if missing (gcc must be there);
#        2. builds the C peer into $WORK/libxerfdtpeer.so (loaded with P/Invoke through XER_FDT_PEER);
#        3. without XER_BOARD_DTB_ROOT, downloads Debian trixie's arm64 kernel package with a PRIVATE apt
#           configuration under $WORK (the machine's own apt setup is not touched) and extracts it;
#        4. writes the synthetic 68 MB / 501 001-node blob once (write-synthetic);
#        5. builds the benchmark project and runs its side-by-side mode.
#
# Usage: bench/side-by-side.sh [--short] [--rows walk,build,touch,p2,ranges,dts,cli] [--ranges N]
#   --short                 5 rounds of 60 ms per side (proves it works; figures are rough). Default: 15 x 400 ms.
#   WORK=/tmp/xer-side-by-side            downloads, the peer library, the synthetic blob, scratch files
#   XER_BOARD_DTB_ROOT=DIR  an extracted usr/lib/linux-image-<version>/ of a Debian arm64 6.12 kernel (skips step 3)
#   KERNEL_PKG=NAME         the package to download (default: what linux-image-arm64 depends on, "-unsigned")
#   XER_SYNTHETIC_DTB=FILE  the synthetic blob (default $WORK/synthetic.dtb, written when missing; "none" skips it)
#   XER_CLI=PATH|jit|aot    also time the CLI as a process: a built xen-ext-regions (e.g. from
#                           `KEEP=1 bench/cli-process-time.sh`), or publish it here framework-dependent (jit) or NativeAOT
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
WORK=${WORK:-/tmp/xer-side-by-side}
mkdir -p "$WORK"

# 80 board trees of Debian's arm64 kernel 6.12, relative to usr/lib/linux-image-<version>/: every vendor folder,
# within each a spread from the smallest to the largest tree (2.4 KB to 152 KB, 3.7 MB in all).
BOARDS=(
  allwinner/sun50i-a100-allwinner-perf1.dtb allwinner/sun50i-a64-pinephone-1.2.dtb
  allwinner/sun50i-a64-sopine-baseboard.dtb allwinner/sun50i-h5-orangepi-prime.dtb
  allwinner/sun50i-h700-anbernic-rg35xx-plus.dtb amd/amd-overdrive-rev-b1.dtb
  amlogic/amlogic-a4-a113l2-ba400.dtb amlogic/meson-g12a-radxa-zero.dtb
  amlogic/meson-g12b-a311d-khadas-vim3-ts050.dtb amlogic/meson-g12b-ugoos-am6.dtb amlogic/meson-gxbb-kii-pro.dtb
  amlogic/meson-gxl-s905d-p230.dtb apm/apm-merlin.dtb arm/corstone1000-mps3.dtb arm/foundation-v8-gicv3-psci.dtb
  arm/juno-r2-scmi.dtb arm/juno.dtb broadcom/bcm2711-rpi-4-b.dtb broadcom/bcm2712-rpi-5-b.dtb
  cavium/thunder-88xx.dtb cavium/thunder2-99xx.dtb exynos/exynos5433-tm2.dtb exynos/exynos7-espresso.dtb
  exynos/exynos7885-jackpotlte.dtb freescale/fsl-lx2160a-tqmlx2160a-mblx2160a-12-7-x.dtb
  freescale/fsl-lx2162a-qds.dtb freescale/fsl-ls1012a-frwy.dtb freescale/fsl-ls1028a-qds-9999.dtb
  freescale/fsl-ls1028a-rdb.dtb freescale/imx8mm-phyboard-polis-rdk.dtb freescale/imx8mm-verdin-wifi-dev.dtb
  freescale/imx8mp-data-modul-edm-sbc.dtb freescale/imx8mp-tqma8mpql-mba8mpxl-lvds.dtb
  freescale/imx8mp-verdin-nonwifi-dev.dtb hisilicon/hi3660-hikey960.dtb hisilicon/hip05-d02.dtb
  marvell/armada-3720-espressobin-ultra.dtb marvell/armada-8040-db.dtb marvell/armada-8080-db.dtb
  marvell/cn9132-clearfog.dtb mediatek/mt2712-evb.dtb mediatek/mt6755-evb.dtb
  mediatek/mt8183-kukui-jacuzzi-kenzo.dtb mediatek/mt8183-kukui-krane-sku176.dtb
  mediatek/mt8186-corsola-tentacruel-sku262148.dtb mediatek/mt8195-cherry-dojo-r1.dtb nvidia/tegra132-norrin.dtb
  nvidia/tegra210-p2371-2180.dtb nvidia/tegra210-p2894-0050-a08.dtb qcom/ipq5018-rdp432-c2.dtb
  qcom/msm8916-thwc-uf896.dtb qcom/msm8996-oneplus3t.dtb qcom/msm8998-lenovo-miix-630.dtb
  qcom/sc7180-trogdor-coachz-r1-lte.dtb qcom/sc7180-trogdor-lazor-r10-lte.dtb
  qcom/sdm845-db845c-navigation-mezzanine.dtb qcom/sdm845-mtp.dtb qcom/sm6125-xiaomi-laurel-sprout.dtb
  qcom/sm8250-xiaomi-elish-boe.dtb renesas/r8a774a1-beacon-rzg2m-kit.dtb renesas/r8a774a1-hihope-rzg2m-rev2.dtb
  renesas/r9a07g043u11-smarc-du-adv7513.dtb renesas/r9a09g011-v2mevk2.dtb rockchip/rk3328-nanopi-r2s-plus.dtb
  rockchip/rk3368-px5-evb.dtb rockchip/rk3399-nanopc-t4.dtb rockchip/rk3399-rock-4c-plus.dtb
  rockchip/rk3566-orangepi-3b-v1.1.dtb rockchip/rk3568-qnap-ts433.dtb rockchip/rk3588-evb1-v10.dtb
  rockchip/rk3588s-nanopi-r6c.dtb ti/k3-am625-verdin-nonwifi-dev.dtb ti/k3-am642-phyboard-electra-rdk.dtb
  ti/k3-am654-idk.dtb ti/k3-am67a-beagley-ai.dtb ti/k3-j784s4-evm.dtb xilinx/zynqmp-smk-k26-revA-sck-kv-g-revB.dtb
  xilinx/zynqmp-zc1751-xm016-dc2.dtb xilinx/zynqmp-zcu106-revA.dtb xilinx/zynqmp-zcu1275-revA.dtb
)

install_tools() {
    local missing=()
    [[ -e /usr/include/libfdt.h ]] || missing+=(libfdt-dev)
    command -v dtc >/dev/null && command -v fdtget >/dev/null || missing+=(device-tree-compiler)
    command -v gcc >/dev/null || { echo "side-by-side: gcc is needed to build the C peer" >&2; exit 1; }
    ((${#missing[@]} == 0)) && return 0
    echo "installing ${missing[*]} ..." >&2
    local sudo=; ((EUID == 0)) || sudo=sudo
    $sudo apt-get install -y -q "${missing[@]}" >&2 || { $sudo apt-get update -q >&2 && $sudo apt-get install -y -q "${missing[@]}" >&2; }
}

build_peer() {
    gcc -O2 -Wall -Wextra -Werror -shared -fPIC -o "$WORK/libxerfdtpeer.so" "$repo/bench/peer/fdtpeer.c" -lfdt
}

# Debian trixie's arm64 kernel with a private apt configuration (lists, cache, status under $WORK/apt).
fetch_kernel() {
    local apt=$WORK/apt root=$WORK/kernel
    if [[ ! -e $root/.done ]]; then
        mkdir -p "$apt"/{state/lists/partial,cache/archives/partial} "$WORK/deb" "$root"
        echo "deb [arch=arm64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main" >"$apt/sources.list"
        : >"$apt/state/status"
        local opts=(-o Dir::Etc::sourcelist="$apt/sources.list" -o Dir::Etc::sourceparts=/nonexistent
            -o Dir::State="$apt/state" -o Dir::State::status="$apt/state/status" -o Dir::Cache="$apt/cache"
            -o APT::Architecture=arm64 -o APT::Architectures=arm64 -o Debug::NoLocking=1)
        apt-get "${opts[@]}" -q update >&2
        local pkg=${KERNEL_PKG:-}
        if [[ -z $pkg ]]; then
            pkg=$(apt-cache "${opts[@]}" depends linux-image-arm64 | awk '$1 == "Depends:" && $2 ~ /^linux-image-[0-9]/ { print $2 "-unsigned"; exit }')
            [[ -n $pkg ]] || { echo "side-by-side: cannot resolve linux-image-arm64's kernel; set KERNEL_PKG" >&2; exit 1; }
        fi
        echo "downloading $pkg ..." >&2
        rm -f "$WORK"/deb/*.deb
        (cd "$WORK/deb" && apt-get "${opts[@]}" -q download "$pkg" >&2)
        dpkg-deb -x "$WORK"/deb/*.deb "$root"
        touch "$root/.done"
    fi
    local dirs=("$root"/usr/lib/linux-image-*/)
    echo "${dirs[0]%/}"
}

install_tools
build_peer
root=${XER_BOARD_DTB_ROOT:-$(fetch_kernel)}
: >"$WORK/boards.list"
for b in "${BOARDS[@]}"; do
    [[ -f $root/$b ]] || { echo "side-by-side: $root/$b is missing (a 6.12 arm64 kernel is expected)" >&2; exit 1; }
    echo "$root/$b" >>"$WORK/boards.list"
done

bench=(dotnet run -c Release --no-build --project "$repo/bench/XenExtRegions.Benchmarks" --)
dotnet build "$repo/bench/XenExtRegions.Benchmarks" -c Release --nologo -v quiet >&2

synthetic=${XER_SYNTHETIC_DTB:-$WORK/synthetic.dtb}
args=(--peer "$WORK/libxerfdtpeer.so" --boards "$WORK/boards.list" --scratch "$WORK/scratch")
if [[ $synthetic != none ]]; then
    [[ -f $synthetic ]] || "${bench[@]}" write-synthetic "$synthetic" >&2
    args+=(--synthetic "$synthetic")
fi

cli=${XER_CLI:-}
if [[ $cli == jit || $cli == aot ]]; then
    # The tool project publishes NativeAOT by default; the JIT variant asks for the framework-dependent build.
    flags=(-p:XerNativeAot=false)
    [[ $cli == aot ]] && flags=(-r "$(dotnet --info | awk '$1 == "RID:" { print $2; exit }')" -p:XerNativeAot=true)
    echo "publishing the CLI ($cli) ..." >&2
    dotnet publish "$repo/src/XenExtRegions.Cli" -c Release --nologo -v quiet --artifacts-path "$WORK/cli-artifacts" \
        -o "$WORK/cli-$cli" "${flags[@]}" >&2
    cli=$WORK/cli-$cli/xen-ext-regions
fi
[[ -n $cli ]] && args+=(--cli "$cli")

"${bench[@]}" side-by-side "${args[@]}" "$@"
