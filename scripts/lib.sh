# SPDX-License-Identifier: GPL-2.0
#
# Shared by the project's shell scripts: where things live and how to get
# them.  Source it; it defines variables and functions only.

LUO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Kernel sources and build outputs stay outside the repository, reused
# between runs.  Override with LUO_CACHE=/some/dir.
LUO_CACHE=${LUO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/luo_handler}

# The kernel source tree the in-tree builds and kunit.py use.
LUO_KSRC=$LUO_CACHE/linux-source-6.12
LUO_KSRC_TARBALL=/usr/src/linux-source-6.12.tar.xz

# Debian packages every check needs.
LUO_PACKAGES=(
	build-essential bc bison flex cpio kmod xz-utils rsync
	libelf-dev libssl-dev python3
	liblzma-dev libzstd-dev zlib1g-dev clang
	linux-source-6.12 linux-image-6.12-amd64 linux-headers-6.12-amd64
	sparse coccinelle
	qemu-system-x86 busybox-static kexec-tools
	gnuplot-nox
)

luo_log()
{
	printf '==> %s\n' "$*" >&2
}

luo_die()
{
	printf 'error: %s\n' "$*" >&2
	exit 1
}

# Install what is missing from LUO_PACKAGES, and nothing when all is there.
luo_install_packages()
{
	local missing=() pkg

	for pkg in "${LUO_PACKAGES[@]}"; do
		dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null |
			grep -q 'install ok installed' || missing+=("$pkg")
	done
	[ ${#missing[@]} -eq 0 ] && return 0

	[ "$(id -u)" -eq 0 ] || luo_die "need root to install: ${missing[*]}"
	luo_log "installing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q >/dev/null ||
		luo_die "apt-get update failed"
	apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null ||
		luo_die "apt-get install ${missing[*]} failed"
}

# Build directory of the stock Debian 6.12 kernel's headers.
luo_stock_kdir()
{
	local dir

	for dir in /usr/src/linux-headers-6.12.*-amd64; do
		[ -f "$dir/Makefile" ] && { echo "$dir"; return 0; }
	done
	luo_die "no linux-headers-6.12-*-amd64 under /usr/src"
}

# The stock kernel's image, for QEMU.
luo_stock_vmlinuz()
{
	local kdir

	kdir=$(luo_stock_kdir)
	echo "/boot/vmlinuz-${kdir#/usr/src/linux-headers-}"
}

# Unpack linux-source-6.12 once; unpack again when the package changed.
# The new tree is unpacked aside and swapped in, so that an interrupted
# unpack never leaves a half tree behind.  tar keeps the archive's mtimes,
# so build directories made from the old tree stay valid.
luo_unpack_kernel()
{
	local stamp=$LUO_KSRC/.luo-unpacked-from want tmp

	want=$(dpkg-query -W -f='${Version}' linux-source-6.12)
	if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
		return 0
	fi
	luo_log "unpacking linux-source-6.12 $want into $LUO_CACHE"
	mkdir -p "$LUO_CACHE"
	tmp=$(mktemp -d "$LUO_CACHE/unpack.XXXXXX")
	tar -C "$tmp" -xf "$LUO_KSRC_TARBALL" ||
		luo_die "cannot unpack $LUO_KSRC_TARBALL"
	echo "$want" >"$tmp/linux-source-6.12/.luo-unpacked-from"
	rm -rf "$LUO_KSRC"
	mv "$tmp/linux-source-6.12" "$LUO_KSRC"
	rmdir "$tmp"
}
