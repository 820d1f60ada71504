/// The modelled QEMU process: its RAM map and RAM-block notifiers, its
/// RAM-discard manager, its block graph (blkio nodes, format nodes,
/// BlockBackends and their registrars), the requests in flight and the
/// realized virtio-mem devices.
///
/// A trace's inputs are applied one by one; each gives the calls the model
/// made, the input's result and, when hazards are watched, the hazards it
/// noticed. Nodes, backends and requests are named by ids (``Names``) and
/// kept in arrays indexed by them, changed in place.
public struct Simulation: Sendable {
  /// The RAM map.
  public internal(set) var ram: RAMMap
  /// The RAM-discard manager's counters.
  public internal(set) var discard: DiscardManager
  /// The names of nodes, backends and requests.
  public internal(set) var names: Names
  /// The open blkio nodes, by node id (state for blkio nodes only).
  var blkioNodes: BlkioNodeTable
  /// The format nodes, by node id (a byte each).
  var formatNodes: FormatNodeTable
  /// How many blkio nodes are open.
  var openNodeCount: Int
  /// How many virtio-mem devices are realized (`discard require` that
  /// succeeded, minus `discard release`).
  public internal(set) var realizedVirtioMemDevices: Int
  /// VFIO containers set up (`vfio attach`) and not yet gone.
  public internal(set) var attachedVFIOContainers: Int
  /// The guest_memfd blocks that hold a discard requirement, by name.
  public internal(set) var guestMemfdBlocks: [String: GuestMemfdDiscard]
  /// Every node's children and parents.
  var graph: BlockGraph
  /// The BlockBackends, by backend id.
  var backends: [BlockBackend?]
  /// For each node id, how many backends have it as root.
  var rootedBackends: CountsByID
  /// The backends whose registrar's notifier is in QEMU's RAM-block
  /// notifier list, head (newest) first.
  var notifiers: NotifierList
  /// The requests in flight or waiting, by request id.
  var requests: RequestTable
  /// The requests handed to their node in fragments, by request id (few:
  /// only those larger than the node's `max-transfer`).
  var splitRequests: [NameID: SplitRequest]
  /// For each node id, how many requests it has in flight or waiting.
  var requestsPerNode: CountsByID
  /// Where the fake libblkio's allocated regions come from.
  public internal(set) var memory: FakeMemory
  /// Requests woken from a bounce wait queue, to run once the current step
  /// yields (QEMU's `co_queue_wakeup`).
  var wakeups: Deque<NameID>
  /// The hazard checker's state, when hazards are watched.
  public internal(set) var hazards: HazardWatch?
  /// The version of the mapping layer modelled.
  public let variant: DriverVariant
  /// Whether `shutdown` has run: QEMU is in `qemu_cleanup()`.
  public internal(set) var isShutDown: Bool
  /// The backend whose RAM registrar makes the calls under way (its RAM
  /// notifier or, in `fixed`, its graph notifiers), if one does: the
  /// hazard checker counts the nodes they reach.
  var callingRegistrar: NameID?

  /// A process with no RAM, no node and no virtio-mem device, running
  /// `variant` of the mapping layer; `watchesHazards` makes it look for
  /// hazards as it goes (`check` and `record` turn it off).
  public init(variant: DriverVariant = .seed, watchesHazards: Bool = true) {
    self.init(variant: variant, hazards: watchesHazards ? HazardWatch() : nil)
  }

  /// A new process whose hazard checker is `hazards`.
  init(variant: DriverVariant, hazards: HazardWatch?) {
    self.variant = variant
    ram = RAMMap()
    discard = DiscardManager()
    names = Names()
    blkioNodes = BlkioNodeTable()
    formatNodes = FormatNodeTable()
    openNodeCount = 0
    realizedVirtioMemDevices = 0
    attachedVFIOContainers = 0
    guestMemfdBlocks = [:]
    graph = BlockGraph()
    backends = []
    rootedBackends = CountsByID()
    notifiers = NotifierList()
    requests = RequestTable()
    splitRequests = [:]
    requestsPerNode = CountsByID()
    memory = FakeMemory()
    wakeups = Deque()
    self.hazards = hazards
    isShutDown = false
    callingRegistrar = nil
  }
}

extension Simulation {
  /// A process that watches hazards for their codes only, with no detail
  /// formatted: what the generator and the shrinker need.
  static func watchingHazardCodes(variant: DriverVariant) -> Simulation {
    Simulation(variant: variant, hazards: HazardWatch(keepsDetails: false))
  }
}

// MARK: - Capacity of the id-indexed arrays

extension Simulation {
  /// Grows the arrays indexed by ids to cover every id handed out so far
  /// (the node tables and counts grow by themselves, as far as the ids
  /// they hold).
  mutating func ensureCapacity() {
    // Checked here: most inputs hand out no new id, and the call cost more
    // than the comparison.
    let nodeCapacity = names.nodes.idCapacity
    if graph.nodeCapacity < nodeCapacity { graph.ensureCapacity(nodeCapacity) }
    let backendCapacity = names.backends.idCapacity
    if backends.count < backendCapacity {
      backends.append(contentsOf: repeatElement(nil, count: backendCapacity - backends.count))
      notifiers.ensureCapacity(backendCapacity)
    }
    let requestCapacity = names.requests.idCapacity
    if requests.count < requestCapacity { requests.ensureCapacity(requestCapacity) }
  }

  /// Whether a node of either kind has this id.
  @inline(__always) func nodeExists(_ id: NameID) -> Bool {
    blkioNodes.contains(id.slot) || formatNodes.contains(id.slot)
  }

  /// Whether hazards are watched with their details (not so in `explore`
  /// and the shrinker, which need the codes only): the detail of a hazard
  /// that names entities is formatted only then.
  var formatsHazardDetails: Bool { hazards?.keepsDetails == true }

  /// The name of a node, for messages.
  func nodeName(_ id: NameID) -> String { names.string(id, in: .node) }
  /// The name of a backend, for messages.
  func backendName(_ id: NameID) -> String { names.string(id, in: .backend) }
  /// The name of a request, for messages.
  func requestName(_ id: NameID) -> String { names.string(id, in: .request) }
}
