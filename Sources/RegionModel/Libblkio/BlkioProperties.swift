/// The properties of one fake libblkio instance.
///
/// Models the read-only properties libblkio exposes through
/// `blkio_get_bool()` / `blkio_get_uint64()` that the seed's driver reads,
/// plus the fake's own knobs (`start` and the map failures to inject).
public struct BlkioProperties: Hashable, Sendable {
  /// The driver, which decides how the fake maps regions (its transport).
  public var driver: BlkioDriverName
  /// `needs-mem-regions`.
  public var needsMemRegions: Bool
  /// `needs-mem-region-fd`.
  public var needsMemRegionFD: Bool
  /// `mem-region-alignment`, at least 1.
  public var memRegionAlignment: UInt64
  /// `may-pin-mem-regions`, the name libblkio ships; nil when absent.
  public var mayPinMemRegions: Bool?
  /// `mem-regions-pinned`, the draft name the seed reads; nil when absent.
  public var memRegionsPinned: Bool?
  /// `max-mem-regions`: what the transport reports. libblkio itself never
  /// enforces it; vfio-pci's kernel refuses mappings past it (the DMA
  /// entry limit) and a vhost-user backend has that many slots.
  public var maxMemRegions: UInt64
  /// Whether `blkio_start()` fails (the fake's own fault injection).
  public var startFails: Bool
  /// `fail-map=N`: the Nth map that reaches the kernel or the backend
  /// (counting from 1, libblkio's own ring memory not counted) fails.
  public var failMap: UInt64?
  /// `fail-map-errno=NAME`: the errno of the injected failures.
  public var failMapErrno: Errno?
  /// `memlock=BYTES`: the locked-memory limit (RLIMIT_MEMLOCK); a map that
  /// would pin more fails as the kernel fails it.
  public var memlock: UInt64?
  /// io_uring's `direct`: the file is opened with O_DIRECT.
  public var direct: Bool = false
  /// The logical block size of the device behind io_uring, or
  /// nvme-io_uring's LBA size.
  public var logicalBlockSize: UInt64 = 512
  /// `max-transfer`: the largest request in one call, 0 for no limit.
  /// io_uring reports 0 (the kernel splits), nvme-io_uring 65536 LBAs, the
  /// virtio-blk transports `size_max * seg_max` when the device offers
  /// both, else 0 (`get_max_transfer()` in libblkio's drivers).
  public var maxTransfer: UInt64 = 0

  /// `request-alignment`: what QEMU aligns requests to
  /// (`blkio_refresh_limits()`): io_uring's logical block size with
  /// `direct`, else 1; nvme-io_uring's LBA size; virtio-blk's `blk_size`.
  public var requestAlignment: UInt64 {
    driver == .ioUring && !direct ? 1 : logicalBlockSize
  }

  /// The largest fragment `bdrv_aligned_preadv()`/`pwritev()` (`block/io.c`)
  /// hands the driver: `max_transfer` (INT_MAX when 0) aligned down to the
  /// request alignment.
  public var fragmentLimit: UInt64 {
    let limit = maxTransfer == 0 ? UInt64(Int32.max) : min(maxTransfer, UInt64(Int32.max))
    return max(limit / requestAlignment * requestAlignment, requestAlignment)
  }

  /// Creates a set of properties.
  public init(
    driver: BlkioDriverName, needsMemRegions: Bool, needsMemRegionFD: Bool,
    memRegionAlignment: UInt64, mayPinMemRegions: Bool?, memRegionsPinned: Bool?,
    maxMemRegions: UInt64, startFails: Bool = false
  ) {
    self.driver = driver
    self.needsMemRegions = needsMemRegions
    self.needsMemRegionFD = needsMemRegionFD
    self.memRegionAlignment = memRegionAlignment
    self.mayPinMemRegions = mayPinMemRegions
    self.memRegionsPinned = memRegionsPinned
    self.maxMemRegions = maxMemRegions
    self.startFails = startFails
  }
}

// MARK: - Driver profiles

extension BlkioProperties {
  /// The default profile of a driver: what libblkio reports once connected
  /// (`IoUring::new`, `NvmeIoUring::new`, `VirtioBlk::connect` and the
  /// transports in libblkio's sources). vhost-user's slot count is the one
  /// of libvhost-user (qemu-storage-daemon) of the variant's QEMU release:
  /// 32 until 0fa6344c90 raised `VHOST_USER_MAX_RAM_SLOTS` to 509 in 9.0.
  public static func defaults(
    for driver: BlkioDriverName, variant: DriverVariant = .merged
  ) -> BlkioProperties {
    switch driver {
    case .ioUring:
      BlkioProperties(
        driver: driver, needsMemRegions: false, needsMemRegionFD: false, memRegionAlignment: 1,
        mayPinMemRegions: false, memRegionsPinned: nil, maxMemRegions: .max)
    case .nvmeIoUring:
      BlkioProperties(
        driver: driver, needsMemRegions: false, needsMemRegionFD: false, memRegionAlignment: 512,
        mayPinMemRegions: false, memRegionsPinned: nil, maxMemRegions: .max)
    case .virtioBlkVfioPci:
      BlkioProperties(
        driver: driver, needsMemRegions: true, needsMemRegionFD: false, memRegionAlignment: 4096,
        mayPinMemRegions: true, memRegionsPinned: nil, maxMemRegions: 65535)
    case .virtioBlkVhostUser:
      BlkioProperties(
        driver: driver, needsMemRegions: true, needsMemRegionFD: true, memRegionAlignment: 1,
        mayPinMemRegions: true, memRegionsPinned: nil,
        maxMemRegions: variant.hasLibvhostUser509Slots ? 509 : 32)
    case .virtioBlkVhostVdpa:
      BlkioProperties(
        driver: driver, needsMemRegions: true, needsMemRegionFD: true, memRegionAlignment: 4096,
        mayPinMemRegions: true, memRegionsPinned: nil, maxMemRegions: .max)
    }
  }

  /// The profile with `overrides` applied in order.
  ///
  /// io_uring's `mem-region-alignment` is its request alignment
  /// (`IoUring::get_mem_region_alignment()` in libblkio): the logical block
  /// size when the file is opened with `direct` (QEMU's
  /// `blkio_io_uring_open()` sets it for `cache.direct=on`), else 1.
  /// nvme-io_uring's is the LBA size. An explicit `mem-region-alignment`
  /// wins over both.
  public func applying(_ overrides: [BlkioPropertyOverride]) -> BlkioProperties {
    var result = self
    var explicitAlignment = false
    var explicitBlockSize = false
    var explicitMaxTransfer = false
    for override in overrides {
      switch override {
      case .needsMemRegions(let value): result.needsMemRegions = value
      case .needsMemRegionFD(let value): result.needsMemRegionFD = value
      case .memRegionAlignment(let value):
        result.memRegionAlignment = value
        explicitAlignment = true
      case .maxMemRegions(let value): result.maxMemRegions = value
      case .mayPinMemRegions(let value): result.mayPinMemRegions = value
      case .memRegionsPinned(let value): result.memRegionsPinned = value
      case .start(let fails): result.startFails = fails
      case .failMap(let count): result.failMap = count
      case .failMapErrno(let errno): result.failMapErrno = errno
      case .memlock(let bytes): result.memlock = bytes
      case .direct(let value): result.direct = value
      case .logicalBlockSize(let size):
        result.logicalBlockSize = size
        explicitBlockSize = true
      case .maxTransfer(let bytes):
        result.maxTransfer = bytes
        explicitMaxTransfer = true
      }
    }
    if driver == .nvmeIoUring, !explicitMaxTransfer {
      result.maxTransfer = 65536 * result.logicalBlockSize
    }
    if !explicitAlignment {
      switch driver {
      case .ioUring: result.memRegionAlignment = result.direct ? result.logicalBlockSize : 1
      case .nvmeIoUring where explicitBlockSize: result.memRegionAlignment = result.logicalBlockSize
      default: break
      }
    }
    return result
  }
}
