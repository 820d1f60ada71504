/// Generates random valid scenarios (sequences of inputs), weighted towards
/// the edges the seed's code distinguishes: blocks without fd or with a file
/// offset, buffers at and across block boundaries and inside registered
/// ones, `size = 0`, the top of the address space, odd alignments, small
/// `max-mem-regions`, injected map failures, pinned drivers next to
/// virtio-mem, start failures, random graphs, registrars and requests.
///
/// Each candidate input is applied to the model and dropped when the trace
/// format forbids it (a refused input changes nothing, so no copy of the
/// model is needed), so every scenario is a valid trace for the variant it
/// was generated for; the hazards each input showed are noted on the way,
/// so that `explore` never replays a scenario to find them. The randomness is the project's own
/// ``SplitMix64``: a seed means the same scenario on every Swift version.
public enum ScenarioGenerator {
  static let blockNames = (0..<6).map { "r\($0)" }
  static let nodeNames = (0..<3).map { ScenarioName("n", $0) }
  static let formatNames = (0..<3).map { ScenarioName("f", $0) }
  static let backendNames = (0..<2).map { ScenarioName("b", $0) }
  static let requestNames = (0..<4).map { ScenarioName("q", $0) }
  static let lengths: [UInt64] = [0x1000, 0x2000, 0x10000, 0x20_0000, 3, 0x1001]
  // The choices below are built once: an array literal at the call would be
  // allocated and freed for every candidate input.
  static let anyNodeNames = formatNames + nodeNames
  static let formatKinds = ["qcow2", "raw", "throttle", "file"]
  static let optionalBools: [Bool?] = [true, false, nil]
  static let detectZeroesChoices: [DetectZeroes] = [.off, .off, .on, .unmap]
  static let roles: [ChildRole] = [.unnamed, .unnamed, .file, .dataFile, .backing]
  static let ioKinds: [IOKind] = [.read, .write, .zeroWrite]
  static let drivers = BlkioDriverName.allCases
  static let alignments: [UInt64] = [1, 2, 3, 512, 4096, 6]
  static let mapErrnos: [Errno] = [.EFAULT, .ENOMEM, .EINVAL]
  static let maxTransfers: [UInt64] = [0, 0x1000, 0x2000]
  static let diskOffsets: [UInt64] = [0x200, 0x1000, 0x1200, 0x3E00]

  /// A free-form scenario of about `steps` inputs.
  public static func scenario(
    _ random: inout SplitMix64, steps: Int, variant: DriverVariant = .seed
  ) -> [TraceInput] {
    var hazards = FirstHazards()
    var model = ScenarioModel(variant: variant)
    return scenario(&random, steps: steps, model: &model, hazards: &hazards)
      .map(\.traceInput)
  }

  /// A free-form scenario for the variant of `model`, which is made new
  /// first (its storage is kept from scenario to scenario); notes where
  /// each hazard first showed.
  static func scenario(
    _ random: inout SplitMix64, steps: Int, model: inout ScenarioModel,
    hazards: inout FirstHazards
  ) -> [ScenarioInput] {
    model.reset()
    var inputs: [ScenarioInput] = []
    inputs.reserveCapacity(steps)
    var registered: [(node: ScenarioName, host: UInt64, size: UInt64)] = []
    var attempts = 0
    while inputs.count < steps, attempts < steps * 20 {
      attempts += 1
      // Only the RAM map is passed: passing the whole model copied it.
      let candidate = next(&random, model.simulation.ram, registered)
      guard case .success(let result) = model.apply(candidate) else {
        candidate.discard()
        continue
      }
      let index = inputs.count
      model.drainHazards { hazards.note($0, at: index) }
      if case .register(let node, let host, let size) = candidate, result == .ok {
        registered.append((node, host, size))
      }
      inputs.append(consume candidate)
    }
    return inputs
  }

  /// Whether the trace format accepts every input of `inputs` in order.
  public static func isValid(_ inputs: [TraceInput], variant: DriverVariant = .seed) -> Bool {
    var simulation = Simulation(variant: variant)
    for input in inputs {
      guard (try? simulation.applyForHazards(input)) != nil else { return false }
    }
    return true
  }

  static func next(
    _ random: inout SplitMix64, _ ram: RAMMap,
    _ registered: [(node: ScenarioName, host: UInt64, size: UInt64)]
  ) -> ScenarioInput {
    let node = random.pick(nodeNames) ?? ScenarioName("n", 0)
    if random.chance(1, in: 3) { return layerInput(&random, ram) }
    switch random.bounded(100) {
    case 0..<18: return ramblockAdd(&random)
    case 18..<22: return .ramblockRemove(name: random.pick(blockNames) ?? "r0")
    case 22..<25:
      return .ramblockResize(name: random.pick(blockNames) ?? "r0", used: random.bounded(0x3000))
    case 25..<37: return open(&random, node: node)
    case 37..<42: return .close(node: node)
    case 42..<72:
      if random.chance(1, in: 10), let earlier = random.pick(registered) {
        // The same buffer again: a second user of it (two registrars on one
        // node, or a caller of its own beside a registrar).
        return .register(node: earlier.node, host: earlier.host, size: earlier.size)
      }
      if random.chance(1, in: 6), let earlier = random.pick(registered), earlier.size > 1 {
        // A buffer inside one registered earlier, on the same node.
        let offset = random.bounded(earlier.size)
        let size = 1 + random.bounded(earlier.size - offset)
        return .register(node: earlier.node, host: earlier.host &+ offset, size: size)
      }
      let (host, size) = buffer(&random, ram)
      let target = random.chance(1, in: 4) ? (random.pick(formatNames) ?? node) : node
      return .register(node: target, host: host, size: size)
    case 72..<86:
      if random.chance(3, in: 4), let earlier = random.pick(registered) {
        return .unregister(node: earlier.node, host: earlier.host, size: earlier.size)
      }
      let (host, size) = buffer(&random, ram)
      return .unregister(node: node, host: host, size: size)
    case 86..<91: return .discardRequire
    case 91..<93: return random.chance(1, in: 2) ? .vfioAttach : .vfioDetach
    case 93..<96:
      let (host, _) = buffer(&random, ram)
      return .balloonInflate(host: host)
    default: return .discardRelease
    }
  }

  /// An input of the layers around the driver: random graphs over the
  /// blkio nodes, backends, registrars and requests.
  static func layerInput(_ random: inout SplitMix64, _ ram: RAMMap) -> ScenarioInput {
    let format = random.pick(formatNames) ?? ScenarioName("f", 0)
    let backend = random.pick(backendNames) ?? ScenarioName("b", 0)
    let anyNode = random.pick(anyNodeNames) ?? ScenarioName("n", 0)
    let request = random.pick(requestNames) ?? ScenarioName("q", 0)
    switch random.bounded(12) {
    case 0:
      return .nodeAdd(
        node: format,
        format: FormatNode(
          format: random.pick(formatKinds) ?? "raw",
          clearsRegisteredBufFlag: random.pick(optionalBools) ?? nil,
          detectZeroes: random.pick(detectZeroesChoices) ?? .off))
    case 1: return .nodeRemove(node: format)
    case 2, 3:
      return .childAdd(
        parent: format, child: anyNode,
        role: random.pick(roles) ?? .unnamed)
    case 4:
      if random.chance(1, in: 3) {
        // A job completes, or a snapshot is taken: bdrv_replace_node().
        return .nodeReplace(from: anyNode, to: random.pick(anyNodeNames) ?? ScenarioName("n", 1))
      }
      return .childRemove(parent: format, child: anyNode)
    case 5:
      return .backendAdd(backend: backend, root: random.chance(1, in: 4) ? nil : anyNode)
    case 6:
      return random.chance(1, in: 2)
        ? .backendAttach(backend: backend, root: anyNode) : .backendDetach(backend: backend)
    case 7: return .registrarAttach(backend: backend)
    case 8:
      // Rarely QEMU exits: only RAMBlock removals can follow.
      return random.chance(1, in: 16) ? .shutdown : .registrarDestroy(backend: backend)
    case 9, 10:
      // A guest request's buffer is guest RAM: virtio-blk maps it from
      // the guest's descriptors. Without RAM, nothing can be requested.
      guard let (host, size) = guestBuffer(&random, ram) else {
        return .complete(request: request, ret: .success)
      }
      return .io(
        request: request, kind: random.pick(ioKinds) ?? .read,
        backend: backend,
        host: host, size: size, offset: diskOffset(&random))
    default:
      return .complete(
        request: request, ret: random.chance(1, in: 5) ? .failure(.EIO) : .success)
    }
  }

  static func ramblockAdd(_ random: inout SplitMix64) -> ScenarioInput {
    let max = random.pick(lengths) ?? 0x1000
    let host: UInt64
    switch random.bounded(10) {
    case 0: host = 0
    case 1: host = 0 &- max  // ends exactly at 2^64
    default: host = random.bounded(16) * 0x10_0000 + random.bounded(4) * 0x1000
    }
    let fd: Int32 = random.chance(1, in: 4) ? -1 : Int32(random.bounded(20)) + 3
    let used = random.chance(1, in: 4) ? random.bounded(max + 1) : nil
    let fileOffset = random.chance(1, in: 4) ? random.bounded(4) << 30 : 0
    return .ramblockAdd(
      name: random.pick(blockNames) ?? "r0", host: host, max: max, used: used, fd: fd,
      fileOffset: fileOffset, guestMemfd: random.chance(1, in: 8))
  }

  static func open(_ random: inout SplitMix64, node: ScenarioName) -> ScenarioInput {
    let driver = random.pick(drivers) ?? .ioUring
    var overrides: [BlkioPropertyOverride] = []
    func maybe(_ override: BlkioPropertyOverride, _ random: inout SplitMix64) {
      if random.chance(1, in: 5) { overrides.append(override) }
    }
    maybe(.needsMemRegions(random.chance(1, in: 2)), &random)
    maybe(.needsMemRegionFD(random.chance(1, in: 2)), &random)
    maybe(.memRegionAlignment(random.pick(alignments) ?? 1), &random)
    maybe(.maxMemRegions(random.bounded(4)), &random)
    maybe(.mayPinMemRegions(random.pick(optionalBools) ?? nil), &random)
    maybe(.memRegionsPinned(random.pick(optionalBools) ?? nil), &random)
    if random.chance(1, in: 10) { overrides.append(.start(fails: true)) }
    if driver != .ioUring, driver != .nvmeIoUring {
      maybe(.failMap(1 + random.bounded(4)), &random)
      maybe(.failMapErrno(random.pick(mapErrnos) ?? .EFAULT), &random)
    }
    if driver == .virtioBlkVhostVdpa || driver == .virtioBlkVfioPci {
      maybe(.memlock(random.bounded(16) << 12), &random)
    }
    if driver == .ioUring { maybe(.direct(random.chance(1, in: 2)), &random) }
    maybe(.logicalBlockSize(random.chance(1, in: 2) ? 512 : 4096), &random)
    // Small enough that the generator's requests are split: a multiple of
    // 4 KiB suits every request alignment the generator makes.
    maybe(.maxTransfer(random.pick(maxTransfers) ?? 0), &random)
    return .open(node: node, driver: driver, overrides: overrides)
  }

  /// A buffer inside one RAMBlock that has host memory, as a guest
  /// request's is: page-aligned, one to eight pages (less at the block's
  /// end), or nil without such a block.
  static func guestBuffer(_ random: inout SplitMix64, _ ram: RAMMap) -> (UInt64, UInt64)? {
    // The same draw as picking from the list of such blocks, without
    // making the list.
    func hasMemory(_ block: RAMBlock) -> Bool { block.host != 0 && block.maxLength > 0 }
    var count: UInt64 = 0
    for block in ram.blocksByHost where hasMemory(block) { count += 1 }
    guard count > 0 else { return nil }
    var skip = random.bounded(count)
    for block in ram.blocksByHost where hasMemory(block) {
      guard skip == 0 else {
        skip -= 1
        continue
      }
      let offset = random.bounded(max(block.maxLength / 0x1000, 1)) << 12
      guard offset < block.maxLength else { return nil }
      let size = min(block.maxLength - offset, (random.bounded(8) + 1) << 12)
      return (block.host &+ offset, size)
    }
    return nil
  }

  /// Where on the disk a guest request starts: mostly 0; else a multiple of
  /// 512 bytes, the guest's sector, which a node with a larger request
  /// alignment pads.
  static func diskOffset(_ random: inout SplitMix64) -> UInt64 {
    random.chance(3, in: 4) ? 0 : random.pick(diskOffsets) ?? 0
  }

  /// A buffer, mostly placed on or across the edges of an existing block.
  static func buffer(_ random: inout SplitMix64, _ ram: RAMMap) -> (UInt64, UInt64) {
    guard random.chance(4, in: 5), let block = random.pick(ram.blocksByHost) else {
      return (random.bounded(0x110_0000), random.bounded(3) << random.bounded(16))
    }
    // The random offset and size are drawn before the pick, as when both
    // lists were built first.
    let randomOffset = random.bounded(block.maxLength)
    let offset: UInt64
    switch random.bounded(7) {
    case 0, 1: offset = 0
    case 2: offset = block.maxLength / 2 & ~0xFFF
    case 3: offset = block.maxLength &- 0x1000
    case 4: offset = block.maxLength
    case 5: offset = randomOffset
    default: offset = block.maxLength &- 1
    }
    let remaining = block.maxLength &- offset
    let randomSize = random.bounded(0x3000)
    let size: UInt64
    switch random.bounded(10) {
    case 0, 1: size = remaining
    case 2: size = remaining &+ 0x1000
    case 3: size = remaining &+ 1
    case 4: size = 0
    case 5, 6: size = 0x1000
    case 7: size = 0x800
    case 8: size = remaining &- 1
    default: size = randomSize
    }
    return (block.host &+ offset, size)
  }
}
