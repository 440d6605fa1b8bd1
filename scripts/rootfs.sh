# Helpers for the image scripts (scripts/build-neo4j-image, scripts/build-image),
# sourced, not run. No image is pulled from a registry: each base image is a
# Debian root filesystem made here by debootstrap from Debian's mirror and
# turned into an image by `docker import`. debootstrap and chroot need root.

DEBIAN_SUITE=${DEBIAN_SUITE:-bookworm}
DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
# Root filesystems are made under here, outside the source tree.
IMAGE_WORK=${IMAGE_WORK:-${TMPDIR:-/tmp}/strikegraph-images}

need_root() {
  if [ "$(id -u)" != 0 ]; then
    echo "$0: debootstrap and chroot need root; run it as root (sudo $0)" >&2
    exit 1
  fi
  command -v debootstrap >/dev/null || {
    echo "$0: debootstrap is missing: scripts/ensure-tools --docker installs it" >&2
    exit 1
  }
  docker info >/dev/null 2>&1 || {
    echo "$0: no Docker engine answers: scripts/ensure-tools --docker starts one" >&2
    exit 1
  }
}

# image_current TAG HASH: whether TAG exists and was built from inputs HASH,
# so that a second run on the same machine builds nothing.
image_current() {
  [ "$(docker image inspect -f '{{index .Config.Labels "org.strikegraph.inputs"}}' "$1" 2>/dev/null)" = "$2" ]
}

# make_rootfs DIR PACKAGE...: a minimal Debian (debootstrap's minbase) with
# PACKAGEs and what they depend on (not what they recommend) in DIR, without
# apt lists, documentation, man pages and locales. apt in the new root
# installs the packages: debootstrap's own resolver fails on npm's.
make_rootfs() {
  local dir=$1
  shift
  rm -rf "$dir"
  mkdir -p "$(dirname "$dir")"
  echo "$0: debootstrap $DEBIAN_SUITE and $* into $dir" >&2
  if ! debootstrap --variant=minbase "$DEBIAN_SUITE" "$dir" "$DEBIAN_MIRROR" >"$dir.log" 2>&1; then
    tail -20 "$dir.log" >&2
    return 1
  fi
  mount -t proc proc "$dir/proc"
  if ! { chroot "$dir" apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive chroot "$dir" apt-get install -y -qq --no-install-recommends "$@"; } >>"$dir.log" 2>&1; then
    umount "$dir/proc"
    tail -20 "$dir.log" >&2
    return 1
  fi
  umount "$dir/proc"
  chroot "$dir" apt-get clean
  rm -rf "$dir"/var/lib/apt/lists/* "$dir"/var/cache/apt/* "$dir"/var/log/* \
    "$dir"/usr/share/doc/* "$dir"/usr/share/man/* "$dir"/usr/share/info/*
  find "$dir/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} +
}

# import_rootfs DIR TAG HASH [--change ...]: DIR as the one layer of image
# TAG, labelled with its inputs' HASH.
import_rootfs() {
  local dir=$1 tag=$2 hash=$3
  shift 3
  tar --numeric-owner -C "$dir" -c . | docker import --change "LABEL org.strikegraph.inputs=$hash" "$@" - "$tag" >/dev/null
}
