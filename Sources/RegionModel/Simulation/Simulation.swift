/// The modelled QEMU process: its RAM map and RAM-block notifiers, its
/// RAM-discard manager, its block graph (blkio nodes, format nodes,
/// BlockBackends and their registrars), the requests in flight and the
/// realized virtio-mem devices.
///
/// A trace's inputs are applied one by one with ``apply(_:)``; each returns
/// the calls the model made, the input's result and the hazards it noticed.
public struct Simulation: Hashable, Sendable {
  /// The RAM map.
  public internal(set) var ram: RAMMap
  /// The RAM-discard manager's counters.
  public internal(set) var discard: DiscardManager
  /// The open blkio nodes, by node name.
  public internal(set) var nodes: [String: BlkioNode]
  /// How many virtio-mem devices are realized (`discard require` that
  /// succeeded, minus `discard release`).
  public internal(set) var realizedVirtioMemDevices: Int
  /// The format nodes and every node's children.
  public internal(set) var graph: BlockGraph
  /// The BlockBackends, by name.
  public internal(set) var backends: [String: BlockBackend]
  /// The backends whose registrar's notifier is in QEMU's RAM-block
  /// notifier list, head (newest) first.
  public internal(set) var notifiers: [String]
  /// The requests in flight or waiting, by name.
  public internal(set) var requests: [String: IORequest]
  /// Where the fake libblkio's allocated regions come from.
  public internal(set) var memory: FakeMemory
  /// Requests woken from a bounce wait queue, to run once the current step
  /// yields (QEMU's `co_queue_wakeup`).
  var wakeups: [String]
  /// For each blkio node, the buffers it holds a mapping for, counted: what
  /// the hazard checker needs to see a second registration.
  var liveRegistrations: [String: [RegisteredBuffer: Int]]
  /// The version of the mapping layer modelled.
  public let variant: DriverVariant

  /// A process with no RAM, no node and no virtio-mem device, running
  /// `variant` of the mapping layer.
  public init(variant: DriverVariant = .seed) {
    self.variant = variant
    ram = RAMMap()
    discard = DiscardManager()
    nodes = [:]
    realizedVirtioMemDevices = 0
    graph = BlockGraph()
    backends = [:]
    notifiers = []
    requests = [:]
    memory = FakeMemory()
    wakeups = []
    liveRegistrations = [:]
  }
}

/// A buffer as registration names it.
public struct RegisteredBuffer: Hashable, Sendable {
  /// Its first byte.
  public var host: UInt64
  /// Its length.
  public var size: UInt64
}
