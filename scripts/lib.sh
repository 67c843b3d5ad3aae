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

# Linux 7.3, mainline's LUO and KHO, as Debian packages its source in the
# trixie-backports suite: fetched with a private apt configuration kept in
# the cache, so that the machine's own is left as it is.  Another 7.x
# package can be named with LUO_MAINLINE_PACKAGE, or an unpacked tree with
# LUO_KSRC_MAINLINE (which is then used as it is: git, series applied).
LUO_MAINLINE_PACKAGE=${LUO_MAINLINE_PACKAGE:-linux-source-7.3}
LUO_MAINLINE_SUITE=${LUO_MAINLINE_SUITE:-trixie-backports}
LUO_KSRC_MAINLINE_GIVEN=${LUO_KSRC_MAINLINE:+1}
LUO_KSRC_MAINLINE=${LUO_KSRC_MAINLINE:-$LUO_CACHE/$LUO_MAINLINE_PACKAGE}
LUO_SERIES=$LUO_ROOT/kernel/liveupdate/mainline

# Debian packages every check needs.
LUO_PACKAGES=(
	build-essential bc bison flex cpio kmod xz-utils rsync
	libelf-dev libssl-dev python3
	liblzma-dev libzstd-dev zlib1g-dev clang
	linux-source-6.12 linux-image-6.12-amd64 linux-headers-6.12-amd64
	sparse coccinelle
	qemu-system-x86 busybox-static kexec-tools
	gnuplot-nox
	git python3-ply python3-git
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

# luo_copy_sources DEST: the repository's files, tracked or new, copied to
# DEST for an out-of-tree build against another kernel (such a build writes
# next to the sources, where the stock build's objects are).  Only files
# whose contents changed are copied, with a new time: make then rebuilds
# what they touch, even when a source went back to older bytes.
luo_copy_sources()
{
	mkdir -p "$1"
	(cd "$LUO_ROOT" && git ls-files -co --exclude-standard) |
		rsync -a --no-times --checksum --ignore-missing-args \
			--files-from=- "$LUO_ROOT/" "$1/"
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

# apt-get/apt-cache with the private configuration for the mainline source.
luo_apt_private()
{
	local tool=$1 dir=$LUO_CACHE/apt
	shift

	"$tool" -q -o Dir::Etc::SourceList=/dev/null \
		-o Dir::Etc::SourceParts="$dir/sources.list.d" \
		-o Dir::State="$dir/state" -o Dir::Cache="$dir/cache" \
		-o Dir::State::status="$dir/state/status" \
		-o Debug::NoLocking=1 "$@"
}

# Download the mainline source package once (again when the suite has a
# newer one, looked up at most once a day) and unpack it into
# $LUO_KSRC_MAINLINE, as a git repository whose first commit is the
# pristine tree: the series is applied on top, and checked against it.
luo_fetch_mainline()
{
	local dir=$LUO_CACHE/apt stamp=$LUO_KSRC_MAINLINE/.luo-unpacked-from
	local want deb tmp tarball

	if [ -n "${LUO_KSRC_MAINLINE_GIVEN:-}" ]; then
		[ -d "$LUO_KSRC_MAINLINE/.git" ] ||
			luo_die "$LUO_KSRC_MAINLINE: not a git tree of a kernel source"
		return 0
	fi
	mkdir -p "$dir/sources.list.d" "$dir/state/lists/partial" \
		"$dir/cache/archives/partial" "$dir/debs"
	touch "$dir/state/status"
	cat >"$dir/sources.list.d/mainline.sources" <<EOF
Types: deb
URIs: http://deb.debian.org/debian
Suites: $LUO_MAINLINE_SUITE
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
	if [ -z "$(find "$dir/state/lists" -name '*Packages*' -mtime -1 2>/dev/null)" ] &&
	   ! luo_apt_private apt-get update >"$dir/update.log" 2>&1; then
		# Offline, with the source already here: carry on with it.
		[ -f "$stamp" ] ||
			luo_die "apt-get update of $LUO_MAINLINE_SUITE failed, see $dir/update.log"
		luo_log "cannot reach $LUO_MAINLINE_SUITE (see $dir/update.log): keeping $LUO_MAINLINE_PACKAGE $(cat "$stamp")"
		return 0
	fi
	want=$(luo_apt_private apt-cache policy "$LUO_MAINLINE_PACKAGE" |
		sed -n 's/^ *Candidate: //p')
	[ -n "$want" ] && [ "$want" != "(none)" ] ||
		luo_die "$LUO_MAINLINE_PACKAGE is not in $LUO_MAINLINE_SUITE"
	if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
		return 0
	fi
	luo_log "fetching $LUO_MAINLINE_PACKAGE $want from $LUO_MAINLINE_SUITE"
	rm -f "$dir"/debs/*.deb
	(cd "$dir/debs" &&
	 luo_apt_private apt-get download "$LUO_MAINLINE_PACKAGE=$want") \
		>"$dir/download.log" 2>&1 ||
		luo_die "cannot download $LUO_MAINLINE_PACKAGE, see $dir/download.log"
	deb=$(ls "$dir"/debs/*.deb)
	tmp=$(mktemp -d "$LUO_CACHE/unpack.XXXXXX")
	tarball=./usr/src/$LUO_MAINLINE_PACKAGE.tar.xz
	luo_log "unpacking $LUO_MAINLINE_PACKAGE $want into $LUO_CACHE"
	dpkg-deb --fsys-tarfile "$deb" | tar -xO "$tarball" | tar -xJ -C "$tmp" ||
		luo_die "cannot unpack $deb"
	(cd "$tmp/$LUO_MAINLINE_PACKAGE" && git init -q &&
	 git add -f -A . && git -c user.name=luo_handler \
		-c user.email=luo_handler@localhost commit -q -m "$LUO_MAINLINE_PACKAGE $want" &&
	 git tag luo-pristine) ||
		luo_die "cannot make a git tree of $LUO_MAINLINE_PACKAGE"
	echo "$want" >"$tmp/$LUO_MAINLINE_PACKAGE/.luo-unpacked-from"
	rm -rf "$LUO_KSRC_MAINLINE"
	mv "$tmp/$LUO_MAINLINE_PACKAGE" "$LUO_KSRC_MAINLINE"
	rmdir "$tmp"
}

# The pristine commit of the mainline tree: the tag luo-pristine, which
# the fetch makes (a tree of your own needs it on its pristine commit).
luo_mainline_pristine()
{
	git -C "$LUO_KSRC_MAINLINE" rev-parse -q --verify 'luo-pristine^{commit}' ||
		luo_die "$LUO_KSRC_MAINLINE has no tag luo-pristine on its pristine commit"
}

# Apply the series (kernel/liveupdate/mainline/*.patch) to the mainline tree
# when it changed, as a commit on the pristine one.  Files the series does
# not touch keep their times, so that builds stay incremental.
luo_apply_series()
{
	local stamp=$LUO_KSRC_MAINLINE/.luo-series want

	# A tree of your own is used as it is: never reset or patched here.
	[ -z "$LUO_KSRC_MAINLINE_GIVEN" ] || return 0
	# Trees fetched before the tag existed: their first commit is the one.
	git -C "$LUO_KSRC_MAINLINE" rev-parse -q --verify luo-pristine >/dev/null ||
		git -C "$LUO_KSRC_MAINLINE" tag luo-pristine \
			"$(git -C "$LUO_KSRC_MAINLINE" rev-list --max-parents=0 HEAD)"
	want=$(cat "$LUO_SERIES"/*.patch | sha1sum | cut -d' ' -f1)
	if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
		return 0
	fi
	luo_log "applying the series to $LUO_KSRC_MAINLINE"
	(cd "$LUO_KSRC_MAINLINE" &&
	 git reset -q --hard "$(luo_mainline_pristine)" &&
	 for patch in "$LUO_SERIES"/*.patch; do
		git apply --index "$patch" || exit 1
	 done &&
	 git -c user.name=luo_handler -c user.email=luo_handler@localhost \
		commit -q -m "luo_handler series") ||
		luo_die "the series does not apply to $LUO_KSRC_MAINLINE"
	echo "$want" >"$stamp"
}

# The series applied, patch after patch, to the pristine tree in an index
# of its own: the work tree is not touched.  Prints git's complaint when a
# patch does not apply.
luo_series_applies()
{
	local index rc

	index=$(mktemp)
	(cd "$LUO_KSRC_MAINLINE" &&
	 GIT_INDEX_FILE=$index git read-tree "$(luo_mainline_pristine)" &&
	 for patch in "$LUO_SERIES"/*.patch; do
		GIT_INDEX_FILE=$index git apply --cached "$patch" || exit 1
	 done) 2>&1
	rc=$?
	rm -f "$index"
	return $rc
}
