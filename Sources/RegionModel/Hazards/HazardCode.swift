/// The hazards the model reports, each a weak point of the mapping layer
/// (the notes' section 7) or a rule of libblkio or QEMU seen broken. The raw
/// values are stable: scripts and bug reports may quote them.
public enum HazardCode: String, CaseIterable, Hashable, Sendable {
  case fileOffsetIgnored = "file-offset-ignored"
  case fdlessSkip = "fdless-skip"
  case ioUnmapped = "io-unmapped"
  case unmapUnmapped = "unmap-unmapped"
  case regionInFlight = "region-in-flight"
  case doubleRegistration = "double-registration"
  case alignmentDisagreement = "alignment-disagreement"
  case regionLimit = "region-limit"
  case unregisterOrder = "unregister-order"
  case overlappingRegions = "overlapping-regions"
  case discardUnderflow = "discard-underflow"
  case discardLeak = "discard-leak"
  case callerFault = "caller-fault"
  case bouncePoolUnaligned = "bounce-pool-unaligned"
  case nullRoot = "null-root"
  case unregisteredNode = "unregistered-node"
  case zeroWriteFlagged = "zero-write-flagged"
}

// MARK: - Explanations

extension HazardCode {
  /// The weak point of `upstream-semantics.md` section 7 it shows, if any.
  public var weakPoint: Int? {
    switch self {
    case .fileOffsetIgnored: 1
    case .fdlessSkip, .ioUnmapped: 2
    case .unmapUnmapped, .regionInFlight: 3
    case .doubleRegistration: 4
    case .alignmentDisagreement: 5
    case .regionLimit: 6
    case .unregisterOrder: 7
    case .overlappingRegions, .discardUnderflow, .discardLeak, .callerFault,
      .bouncePoolUnaligned, .nullRoot, .unregisteredNode, .zeroWriteFlagged:
      nil
    }
  }

  /// One line: what happened.
  public var summary: String {
    switch self {
    case .fileOffsetIgnored: "a region was mapped with its block's file offset ignored"
    case .fdlessSkip: "a buffer without fd was skipped but reported as registered"
    case .ioUnmapped: "direct I/O to memory that is not inside a mapped region"
    case .unmapUnmapped: "unmap of a region that is not mapped"
    case .regionInFlight: "a region was mapped or unmapped while a request uses it"
    case .doubleRegistration: "a buffer was registered again on a node that holds it"
    case .alignmentDisagreement: "QEMU's alignment check and libblkio's disagree"
    case .regionLimit: "a map went past the device's max-mem-regions"
    case .unregisterOrder: "regions were unregistered in registration order, not reversed"
    case .overlappingRegions: "a region was mapped that overlaps another mapped region"
    case .discardUnderflow: "a RAM-discard counter was decremented at zero"
    case .discardLeak: "every blkio node is closed but RAM discard is still disabled"
    case .callerFault: "a libblkio call that aborts the process"
    case .bouncePoolUnaligned:
      "the bounce pool's size is not a multiple of mem-region-alignment, so bouncing failed"
    case .nullRoot:
      "a RAM notification reached a BlockBackend without a root node, and QEMU crashed"
    case .unregisteredNode:
      "a flagged request reached a node on which the registrar never registered its RAM"
    case .zeroWriteFlagged:
      "detect-zeroes made a flagged write a zero write, which the block layer refused"
    }
  }

  /// A paragraph: why it matters and where it comes from.
  public var explanation: String {
    switch self {
    case .fileOffsetIgnored:
      "blkio_mem_region_from_host() passes fd_offset = host - block.host, the offset inside the "
        + "RAMBlock. A block backed by a file at a non-zero offset (memory-backend-file,offset=) "
        + "starts that far into its file, so libblkio and the device see the wrong file pages."
    case .fdlessSkip:
      "The driver needs an fd for every region, the memory has none, so "
        + "blkio_mem_region_from_host() returns BMRR_SKIP and blkio_register_buf() reports "
        + "success. The registrar stays ok, virtio-blk keeps setting BDRV_REQ_REGISTERED_BUF, and "
        + "I/O to that memory will reach libblkio unmapped."
    case .ioUnmapped:
      "The request reached a driver that needs memory regions with BDRV_REQ_REGISTERED_BUF set, "
        + "so no bounce buffer was used, but its buffer does not lie inside one mapped region. "
        + "vfio-pci and vdpa fail the translation (the request is retried for ever) and "
        + "vhost-user hands the backend an address it cannot resolve."
    case .unmapUnmapped:
      "blkio_unmap_mem_region() was asked to unmap a region that is not mapped. libblkio "
        + "ignores it, but it means QEMU's view of what is registered differs from libblkio's: "
        + "typically a registrar that failed part-way unregistering every RAMBlock, including "
        + "those it never mapped."
    case .regionInFlight:
      "libblkio forbids mapping or unmapping a region while requests using it are in flight. "
        + "QEMU's registrar and block layer do not drain I/O around registration changes, so a "
        + "hot-unplug or a registrar failure can pull the mapping from under a request."
    case .doubleRegistration:
      "Nothing is reference-counted: a node reached through two parents or two registrars is "
        + "registered twice. The second map of the identical region fails as a duplicate, which "
        + "makes that registrar unregister everything, tearing down the first one's mappings."
    case .alignmentDisagreement:
      "QEMU tests (host | size) % mem-region-alignment; libblkio tests addr and len separately. "
        + "The two agree only for power-of-two alignments: here one accepts what the other "
        + "refuses."
    case .regionLimit:
      "QEMU never reads max-mem-regions and libblkio does not enforce it: the device does. "
        + "vfio-pci's kernel refuses a DMA mapping past its entry limit, which fails the "
        + "registration; a vhost-user backend (libvhost-user) without a free memory slot breaks "
        + "down yet acknowledges the region, so QEMU believes it mapped. libblkio's ring memory "
        + "and the bounce-buffer pool take slots too."
    case .unregisterOrder:
      "bdrv_unregister_buf() visits the node's own driver, then its children, in the same "
        + "order as registration. Tearing down in registration order rather than in reverse can "
        + "unmap a parent's regions before its children's."
    case .overlappingRegions:
      "libblkio's documentation forbids overlapping memory regions. vhost-vdpa and vfio-pci "
        + "refuse them (their IOVA space fails the map) and io_uring ignores regions, but "
        + "vhost-user sends them to the backend, which does not check either: it may translate "
        + "an address through either mapping."
    case .discardUnderflow:
      "A discard release was called more often than the matching (true). QEMU's counters are "
        + "unsigned int and the decrement is unchecked, so the counter wraps to UINT_MAX and "
        + "discard stays disabled (or required) for the rest of the VM's life."
    case .discardLeak:
      "Every blkio node is closed, yet RAM discard is still disabled: virtio-mem stays blocked "
        + "for the rest of the VM's life."
    case .callerFault:
      "blkio_free_mem_region() of a mapped region, or of one this instance did not allocate, "
        + "is an assertion failure in libblkio: the real process aborts here."
    case .bouncePoolUnaligned:
      "Before QEMU 9.0, blkio_resize_bounce_pool() asked blkio_alloc_mem_region() for "
        + "bytes + 128 KiB without rounding it to mem-region-alignment; libblkio refuses a length "
        + "the alignment does not divide with -EINVAL, so on vhost-vdpa (4 KiB regions, 512-byte "
        + "requests) every bounced request of a size that is not a multiple of 4 KiB failed. "
        + "Fixed by 10b2393e5e (v9.0.0)."
    case .nullRoot:
      "In the series as posted, blk_register_buf() and blk_unregister_buf() passed blk_bs(blk) "
        + "on to bdrv_register_buf()/bdrv_unregister_buf() without checking it. At shutdown "
        + "bdrv_close_all() takes every BlockBackend's root away but virtio-blk is never "
        + "unrealized, so its registrar still hears RAM notifications: freeing a "
        + "memory-backend-file afterwards made bdrv_unregister_buf() read through a NULL node "
        + "and QEMU crashed. A backend whose medium was removed (blk_remove_bs()) hits it too. "
        + "Fixed by 7103895123 in v7.2.0-rc3, before any release."
    case .unregisteredNode:
      "The registrar registers a RAMBlock only through the root its BlockBackend has when the "
        + "block appears. A node that enters the graph later (a mirror or commit job completing, "
        + "bdrv_replace_node(), a child attached under the root, a new root) never gets the RAM "
        + "registered, yet virtio-blk keeps setting BDRV_REQ_REGISTERED_BUF because the "
        + "registrar is still ok: on vdpa-blk and vfio-pci the request then reaches libblkio "
        + "unmapped and fails. Not fixed upstream (U5; the fix posted in 2025 adds attach and "
        + "detach notifiers). It is flagged even where a variant bounces the request, since "
        + "bouncing every request is a permanent slowdown."
    case .zeroWriteFlagged:
      "With detect-zeroes=on or unmap on a node, bdrv_aligned_pwritev() turns a write whose data "
        + "is all zeroes into a zero write, which carries no buffer. QEMU 7.2.0 kept "
        + "BDRV_REQ_REGISTERED_BUF on it, and bdrv_co_do_pwrite_zeroes() refuses that flag with "
        + "-EINVAL: every all-zero guest write through virtio-blk with a RAM registrar failed, "
        + "whatever the driver below (QEMU GitLab #1404). Fixed by 3c5867156e (8.0.0, 7.2.1), "
        + "which clears the flag where the write is converted."
    }
  }
}
