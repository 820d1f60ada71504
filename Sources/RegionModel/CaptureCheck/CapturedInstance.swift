/// What the checker knows of one `struct blkio` of a capture: the node the
/// model opens for it and how far its life has come.
struct CapturedInstance {
  /// The model's name for the blkio node (`blkio1`, `blkio2`, ... in the
  /// order of the `blkio_create()` calls).
  let node: String
  /// The name of the BlockBackend the checker assumes above it (`blk1`, ...).
  let backend: String
  /// The driver `blkio_create()` was given.
  let driver: String
  /// The capture line of the `blkio_create()`.
  let createdAt: Int
  /// Whether the last `blkio_connect()` succeeded.
  var connected = false
  /// Whether `blkio_start()` has been called (successfully or not).
  var startCalled = false
  /// Whether the model's open succeeded.
  var openInModel = false
  /// The properties read between connect and start, as the model's
  /// `open` overrides, in the order read.
  var overrides: [BlkioPropertyOverride] = []
  /// Whether the checker assumed the backend and registrar above the node.
  var backendAdded = false
  /// Whether the registrar was assumed removed (device unplugged).
  var registrarDestroyed = false
  /// Regions `blkio_alloc_mem_region()` gave out and not yet freed: the
  /// bounce pool, whose calls guest I/O causes and the capture cannot
  /// explain.
  var allocated: Set<CaptureRegion> = []

  init(number: Int, driver: String, createdAt: Int) {
    node = "blkio\(number)"
    backend = "blk\(number)"
    self.driver = driver
    self.createdAt = createdAt
  }

  /// Takes in a property read before `blkio_start()`: the values the model
  /// then uses instead of the driver's defaults.
  ///
  /// Models what `blkio_open()` (QEMU's block/blkio.c) reads between
  /// connect and start: needs-mem-regions, needs-mem-region-fd,
  /// mem-region-alignment and may-pin-mem-regions (mem-regions-pinned in
  /// the series as posted), whose failed read counts as "absent".
  mutating func note(read name: String, ret: Int32, value: PropertyValue?) {
    let override: BlkioPropertyOverride?
    switch (name, value) {
    case ("needs-mem-regions", .bool(let flag)?): override = .needsMemRegions(flag)
    case ("needs-mem-region-fd", .bool(let flag)?): override = .needsMemRegionFD(flag)
    case ("mem-region-alignment", .uint64(let alignment)?):
      override = .memRegionAlignment(alignment)
    case ("may-pin-mem-regions", .bool(let flag)?): override = .mayPinMemRegions(flag)
    case ("may-pin-mem-regions", nil) where ret < 0: override = .mayPinMemRegions(nil)
    case ("mem-regions-pinned", .bool(let flag)?): override = .memRegionsPinned(flag)
    case ("mem-regions-pinned", nil) where ret < 0: override = .memRegionsPinned(nil)
    default: override = nil
    }
    guard let override else { return }
    overrides.removeAll(where: { $0.key == override.key })
    overrides.append(override)
  }

  /// Takes in a property written before connect that the model knows
  /// (io_uring's `direct`).
  mutating func note(written name: String, value: PropertyValue, ret: Int32) {
    guard ret == 0, name == "direct", case .bool(let flag) = value else { return }
    overrides.removeAll(where: { $0.key == "direct" })
    overrides.append(.direct(flag))
  }
}
