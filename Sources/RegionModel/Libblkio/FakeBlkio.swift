/// One fake libblkio instance (`struct blkio *`).
///
/// It is created connected, its properties are fixed by the driver profile
/// and the `open` line, `start()` moves it to the started state, and it
/// keeps libblkio's record of the mapped regions in an address-ordered
/// tree, so that map and unmap cost O(log n) however many regions are
/// mapped. Behind the record sits the transport, as in libblkio: io_uring
/// keeps nothing more; vhost-vdpa and VFIO keep an ``IovaSpace`` and hand
/// each mapping to the kernel; vhost-user sends it to a backend with a
/// fixed number of memory slots. Destroying an instance (dropping the
/// value) drops its mappings without unmap calls.
public struct FakeBlkio: Sendable {
  /// The instance's properties.
  public let properties: BlkioProperties
  /// Whether `blkio_start()` succeeded.
  public private(set) var isStarted: Bool
  /// The regions mapped now, in address order: libblkio's own record
  /// (`MemoryRegionRegistry`), which holds only the application's regions.
  public internal(set) var mapped: AddressTree<MemRegion>
  /// The regions allocated with `blkio_alloc_mem_region()` and not freed.
  public internal(set) var allocatedRegions: Set<MemRegion>
  /// vhost-vdpa and VFIO: the IOVA bookkeeping, libblkio's ring memory
  /// included.
  public internal(set) var iovaSpace: IovaSpace?
  /// libblkio's ring memory, mapped at start by the virtio-blk transports.
  public internal(set) var ringMemory: MemRegion?
  /// The mappings the kernel (VFIO's DMA entries) or the vhost-user backend
  /// (its memory slots) holds, ring memory included.
  public internal(set) var deviceMappings: Int
  /// Bytes pinned by the kernel for this instance (vhost-vdpa, VFIO).
  public internal(set) var pinnedBytes: UInt64
  /// Maps that reached the kernel or the backend, ring memory not counted:
  /// what `fail-map` counts.
  public internal(set) var deviceMaps: UInt64
  /// vhost-user: regions the backend acknowledged without adding them (it
  /// had no free slot), and whether it has broken down since.
  public internal(set) var unbackedRegions: Set<MemRegion>
  /// Whether the vhost-user backend has broken down (libvhost-user's
  /// `vu_panic()`).
  public internal(set) var backendBroken: Bool

  /// Models `blkio_create()` followed by `blkio_connect()`, which the fake
  /// never fails. Without `answersRangeQuestions` the record of mapped
  /// regions answers only whether a region is mapped (what libblkio asks),
  /// not which ones overlap or cover a range (what the hazard checker
  /// asks), and costs less to keep.
  public init(properties: BlkioProperties, answersRangeQuestions: Bool = true) {
    self.properties = properties
    isStarted = false
    mapped = AddressTree(keepsSummaries: answersRangeQuestions)
    allocatedRegions = []
    iovaSpace = properties.driver.iovaPools.map(IovaSpace.init(pools:))
    ringMemory = nil
    deviceMappings = 0
    pinnedBytes = 0
    deviceMaps = 0
    unbackedRegions = []
    backendBroken = false
  }
}

// MARK: - Life cycle

extension FakeBlkio {
  /// Models `blkio_start()`: fails with -EIO and the message
  /// `injected start failure` when the `open` line asked for `start=fail`.
  /// The virtio-blk transports then map libblkio's ring memory
  /// (`setup_queues()` → `alloc_queue_mem()`), one mapping for every
  /// queue, through the same path as the application's regions; that map
  /// can fail the start (a `memlock` too small for it, say).
  public mutating func start(memory: inout FakeMemory, ram: RAMMap) throws(BlkioFailure) {
    if properties.startFails {
      throw BlkioFailure(errno: .EIO, message: "injected start failure")
    }
    if let length = properties.driver.ringMemoryLength {
      let ring = memory.takeRing(length: length, avoiding: ram)
      do {
        _ = try mapOnDevice(ring, isRing: true)
      } catch {
        memory.release(ring)
        throw error
      }
      ringMemory = ring
    }
    isStarted = true
  }
}

// MARK: - Memory regions

extension FakeBlkio {
  /// Models `blkio_map_mem_region()` (libblkio's `Blkio::map_mem_region()`):
  /// the first check that applies decides.
  ///
  /// `addr`, then `len`, not a multiple of `mem-region-alignment`: -EINVAL;
  /// an identical region mapped: -EINVAL `memory region already mapped`;
  /// not started: -EBUSY; then the transport (``mapOnDevice(_:isRing:)``).
  /// The region is recorded only when the transport succeeds. libblkio
  /// counts nothing against `max-mem-regions`.
  ///
  /// Returns a note when the map succeeded but the device did not really
  /// take the region (a vhost-user backend without a free slot).
  @discardableResult
  public mutating func map(_ region: MemRegion) throws(BlkioFailure) -> String? {
    let alignment = properties.memRegionAlignment
    guard region.addr % alignment == 0 else {
      throw BlkioFailure(
        errno: .EINVAL,
        message: "addr \(CFormat.hex(region.addr)) violates mem-region-alignment \(alignment)")
    }
    guard region.len % alignment == 0 else {
      throw BlkioFailure(
        errno: .EINVAL,
        message: "len \(CFormat.hex(region.len)) violates mem-region-alignment \(alignment)")
    }
    guard !mapped.contains(region) else {
      throw BlkioFailure(errno: .EINVAL, message: "memory region already mapped")
    }
    guard isStarted else {
      throw BlkioFailure(errno: .EBUSY, message: "Device must be started")
    }
    let note = try mapOnDevice(region, isRing: false)
    mapped.insertNew(region)
    return note
  }

  /// Models `blkio_unmap_mem_region()`: never fails; when an identical
  /// region is recorded, removes it and has the transport unmap it (whose
  /// errors libblkio drops); does nothing otherwise. Returns whether a
  /// region was removed.
  @discardableResult
  public mutating func unmap(_ region: MemRegion) -> Bool {
    guard mapped.remove(region) else { return false }
    if isStarted { unmapOnDevice(region) }
    return true
  }

  /// The regions mapped now, as a set.
  public var mappedRegions: Set<MemRegion> { Set(mapped.elements) }
}
