/// Which version of the mapping layer the model runs.
///
/// `seed` is the patch as given. The `qemu-X.Y` variants are QEMU's
/// releases that changed the modelled behaviour, each with every commit of
/// that release: `qemu-7.2` is what QEMU merged (v7.2.0), `qemu-9.0` adds the
/// bounce pool rounding (10b2393e5e, U1) and libvhost-user's 509 slots,
/// `qemu-9.1` makes guest_memfd blocks require discard, `qemu-10.1` makes
/// that a coordinated requirement. `merged` is the newest release
/// modelled. `fixed` is this project's proposal, `merged` plus one change
/// per weak point that can be removed inside the driver, the registrar and
/// the block layer. Each change below names the hazard it removes.
public enum DriverVariant: String, CaseIterable, Hashable, Sendable {
  case seed
  case qemu72 = "qemu-7.2"
  case qemu90 = "qemu-9.0"
  case qemu91 = "qemu-9.1"
  case qemu101 = "qemu-10.1"
  case merged
  case fixed

  /// The newest QEMU release modelled, which `merged` behaves as.
  public static let newestRelease = DriverVariant.qemu101

  /// The QEMU release this variant follows, when it follows one.
  public var release: DriverVariant? {
    switch self {
    case .seed, .fixed: nil
    case .merged: Self.newestRelease
    case .qemu72, .qemu90, .qemu91, .qemu101: self
    }
  }
}

// MARK: - What each variant does

extension DriverVariant {
  /// Reads `may-pin-mem-regions` (the name libblkio ships) instead of the
  /// draft `mem-regions-pinned`: `merged`, `fixed`.
  public var readsMayPinMemRegions: Bool { self != .seed }

  /// Rounds the bounce pool (`bytes + 128 KiB`) up to
  /// `mem-region-alignment`, so that vdpa's allocation no longer fails with
  /// -EINVAL: QEMU 10b2393e5e, `blkio_resize_bounce_pool()`, first released
  /// in v9.0.0 (`qemu-9.0`, `merged`, `fixed`). Removes
  /// `bounce-pool-unaligned` (U1).
  public var alignsBouncePool: Bool {
    switch self {
    case .seed, .qemu72: false
    case .qemu90, .qemu91, .qemu101, .merged, .fixed: true
    }
  }

  /// `blk_register_buf()` and `blk_unregister_buf()` do nothing on a
  /// BlockBackend without a root node: QEMU 7103895123 "block-backend: avoid
  /// bdrv_unregister_buf() NULL pointer deref" (`block/block-backend.c`),
  /// which landed in v7.2.0-rc3, so every release has it. The series as
  /// posted (`seed`) passed `blk_bs(blk)`, NULL, on to
  /// `bdrv_register_buf()`/`bdrv_unregister_buf()`, which read `bs->drv`
  /// through it (U3): removes `null-root`.
  public var checksBackendRoot: Bool { self != .seed }

  /// The registrar follows the graph under its BlockBackend, as the fix
  /// posted upstream for U5 does ("block: update inserted/removed nodes
  /// from BlockRAMRegistrar", v2, 2025-10-07, not merged): a node that
  /// enters the backend's subtree at any depth (a child attached, a root
  /// inserted, a node replaced) gets every RAMBlock registered on it, in
  /// RAM-list order, and one that leaves gets them unregistered; the first
  /// failure is reported and the registrar gives up. Only `fixed`: every
  /// release ignores graph changes. Removes `unregistered-node`.
  public var registrarFollowsGraph: Bool { self == .fixed }

  /// When `detect-zeroes` turns a flagged write into a zero write, the flag
  /// is cleared (`bdrv_aligned_pwritev()`, `block/io.c`): QEMU 3c5867156e
  /// "block: fix detect-zeroes= with BDRV_REQ_REGISTERED_BUF", first in
  /// v8.0.0 and backported to 7.2.1. `seed` and `qemu-7.2` (v7.2.0) keep
  /// it, and the write fails with -EINVAL (U2): removes `zero-write-flagged`.
  public var clearsFlagOnDetectedZeroes: Bool {
    switch self {
    case .seed, .qemu72: false
    case .qemu90, .qemu91, .qemu101, .merged, .fixed: true
    }
  }

  /// The vhost-user backend of this release (libvhost-user, as in
  /// qemu-storage-daemon) has 509 memory slots rather than 32: QEMU
  /// 0fa6344c90, first released in v9.0.0.
  public var hasLibvhostUser509Slots: Bool {
    switch self {
    case .seed, .qemu72: false
    case .qemu90, .qemu91, .qemu101, .merged, .fixed: true
    }
  }

  /// What a guest_memfd RAMBlock requires of the discard manager: nothing
  /// before QEMU 9.1; any discard from 9.1 (852f0048f3, "RAMBlock: make
  /// guest_memfd require uncoordinated discard"), so that it fails beside
  /// VFIO as beside blkio; coordinated discard from 10.1 (2fde3fb916), so
  /// that only blkio's (and vhost-vdpa's) disable stands in its way.
  public var guestMemfdDiscard: GuestMemfdDiscard {
    switch self {
    case .seed, .qemu72, .qemu90: .none
    case .qemu91: .any
    case .qemu101, .merged, .fixed: .coordinated
    }
  }

  /// Adds the block's own file offset to `fd_offset`. Removes
  /// `file-offset-ignored` (weak point 1).
  public var addsFileOffset: Bool { self == .fixed }

  /// Registration of a buffer the driver cannot map (no RAMBlock with an
  /// fd holds it, on a driver that needs one) fails instead of succeeding
  /// with nothing mapped (the seed's SKIP): the registrar then reports it
  /// and is no longer ok, so virtio-blk stops setting `REGISTERED_BUF` and
  /// every request of the disk is bounced. Costs nothing per request.
  /// Removes `fdless-skip` and the `io-unmapped` it leads to (weak point 2).
  public var refusesUnmappableBuffers: Bool { self == .fixed }

  /// The registrar remembers the blocks it registered and unregisters only
  /// those, on failure and on destroy. Removes the registrar's
  /// `unmap-unmapped` (weak point 3).
  public var registrarRemembers: Bool { self == .fixed }

  /// The driver counts registrations of each region: a second registration
  /// of a mapped region only counts, and the region is unmapped when the
  /// last registration goes. Removes `double-registration` and the teardown
  /// it causes (weak point 4).
  public var countsRegistrations: Bool { self == .fixed }

  /// Checks `host` and `size` against the alignment separately, as
  /// libblkio does. Removes `alignment-disagreement` (weak point 5).
  public var checksAlignmentSeparately: Bool { self == .fixed }

  /// Reads `max-mem-regions` and fails a registration that would map past
  /// it, keeping one slot for the bounce pool: the registrar is then not
  /// ok and the disk's requests are bounced, as for an unmappable buffer.
  /// Costs nothing per request. Removes `region-limit` for registrations
  /// (weak point 6).
  public var respectsRegionLimit: Bool { self == .fixed }

  /// `bdrv_unregister_buf()` visits the children in reverse order and the
  /// node's own hook last: the reverse of registration. Removes
  /// `unregister-order` (weak point 7).
  public var unregistersInReverse: Bool { self == .fixed }

  /// The hazards this variant is meant never to show.
  public var removedHazards: Set<HazardCode> {
    guard self == .fixed else {
      var removed: Set<HazardCode> = []
      if alignsBouncePool { removed.insert(.bouncePoolUnaligned) }
      if checksBackendRoot { removed.insert(.nullRoot) }
      if clearsFlagOnDetectedZeroes { removed.insert(.zeroWriteFlagged) }
      return removed
    }
    return [
      .bouncePoolUnaligned, .nullRoot, .unregisteredNode, .zeroWriteFlagged,
      .fileOffsetIgnored, .fdlessSkip, .ioUnmapped, .unmapUnmapped, .doubleRegistration,
      .alignmentDisagreement, .regionLimit, .unregisterOrder,
    ]
  }
}

/// What a guest_memfd RAMBlock requires of QEMU's discard manager.
public enum GuestMemfdDiscard: Hashable, Sendable {
  /// Nothing: the release does not have the requirement.
  case none
  /// `ram_block_discard_require()`.
  case any
  /// `ram_block_coordinated_discard_require()`.
  case coordinated
}
