/// Generates scenarios of a VM with one disk: a blkio node under a chain of
/// format nodes, a backend with a RAM registrar, fd-backed RAM that is
/// hotplugged and unplugged, and guest requests into RAM that start and
/// complete, now and then a mirror job's completion that replaces the
/// disk's blkio node by its target, ending with the disk's removal: the requests drained, then the
/// registrar's destroy. With `failures` off every
/// block is aligned and fd-backed and the driver has slots to spare, so no
/// registration fails.
extension ScenarioGenerator {
  static let vmDrivers: [BlkioDriverName] = [
    .virtioBlkVhostUser, .virtioBlkVhostVdpa, .virtioBlkVfioPci,
  ]

  /// A VM-shaped scenario of about `steps` inputs.
  public static func virtualMachine(
    _ random: inout SplitMix64, steps: Int, failures: Bool, variant: DriverVariant = .seed
  ) -> [TraceInput] {
    var hazards = FirstHazards()
    var model = ScenarioModel(variant: variant)
    return virtualMachine(
      &random, steps: steps, failures: failures, model: &model, hazards: &hazards
    ).map(\.traceInput)
  }

  /// A VM-shaped scenario for the variant of `model`, which is made new
  /// first (its storage is kept from scenario to scenario); notes where
  /// each hazard first showed.
  static func virtualMachine(
    _ random: inout SplitMix64, steps: Int, failures: Bool, model: inout ScenarioModel,
    hazards: inout FirstHazards
  ) -> [ScenarioInput] {
    var inputs: [ScenarioInput] = []
    inputs.reserveCapacity(steps)
    let driver = random.pick(vmDrivers) ?? .virtioBlkVhostUser
    var overrides: [BlkioPropertyOverride] = []
    // At least 1: VFIO's ring memory takes a DMA entry at start.
    if failures, random.chance(1, in: 2) { overrides.append(.maxMemRegions(1 + random.bounded(4))) }
    if failures, random.chance(1, in: 4) { overrides.append(.failMap(1 + random.bounded(6))) }
    // A 4Kn device under a guest with 512-byte sectors: its unaligned
    // requests are padded and lose the flag.
    if random.chance(1, in: 4) { overrides.append(.logicalBlockSize(4096)) }
    let disk = ScenarioName("p")
    inputs.append(.open(node: disk, driver: driver, overrides: overrides))
    var top = disk
    for level in 0..<Int(random.bounded(3)) {
      let name = ScenarioName("f", level)
      let clears = failures && random.chance(1, in: 3)
      // Now and then the guest's disk has detect-zeroes (with discard=unmap).
      let detect: DetectZeroes = random.chance(1, in: 4) ? .unmap : .off
      inputs.append(
        .nodeAdd(
          node: name,
          format: FormatNode(format: "raw", clearsRegisteredBufFlag: clears, detectZeroes: detect)))
      inputs.append(.childAdd(parent: name, child: top, role: .file))
      top = name
    }
    if top != disk, random.chance(1, in: 3) {
      // A second blkio node under the top node, as its backing file:
      // registration reaches it, the guest's requests go to `file`.
      let backing = ScenarioName("p", 2)
      inputs.append(.open(node: backing, driver: driver, overrides: overrides))
      inputs.append(.childAdd(parent: top, child: backing, role: .backing))
    }
    let backend = ScenarioName("b")
    inputs.append(.backendAdd(backend: backend, root: top))
    model.reset()
    for (index, input) in inputs.enumerated() {
      if case .success = model.apply(input) {
        model.drainHazards { hazards.note($0, at: index) }
      }
    }
    var attached = false
    var mirrored = false
    var serial = 0
    var requestSerial = 0
    var inFlight: [ScenarioName] = []
    while inputs.count < steps {
      let candidate: ScenarioInput
      switch random.bounded(10) {
      case 0...2:
        serial += 1
        let pages = random.bounded(64) + 1
        let host = (random.bounded(256) + 1) << 24
        let unaligned = failures && random.chance(1, in: 6)
        candidate = .ramblockAdd(
          name: blockName(serial), host: host, max: pages << 12 | (unaligned ? 0x200 : 0),
          used: nil,
          fd: failures && random.chance(1, in: 6) ? -1 : Int32(serial + 10), fileOffset: 0)
      case 3:
        guard let block = random.pick(model.simulation.ram.blocksByHost) else { continue }
        candidate = .ramblockRemove(name: block.name)
      case 4:
        guard attached else {
          candidate = .registrarAttach(backend: backend)
          break
        }
        // A mirror job completes: the disk's blkio node, wherever it sits
        // under the format nodes, is replaced by the job's target.
        guard !mirrored, random.chance(1, in: 2) else { continue }
        let mirror = ScenarioName("t")
        let target = ScenarioInput.open(node: mirror, driver: driver, overrides: overrides)
        guard case .success(let opened) = model.apply(target) else {
          continue
        }
        // The hazards of an open that failed are dropped with it.
        let index = inputs.count
        model.drainHazards { if opened == .ok { hazards.note($0, at: index) } }
        guard opened == .ok else { continue }
        inputs.append(target)
        mirrored = true
        candidate = .nodeReplace(from: disk, to: mirror)
      case 5...7:
        guard let block = random.pick(model.simulation.ram.blocksByHost) else { continue }
        requestSerial += 1
        let offset = random.bounded(block.maxLength / 0x1000) << 12
        let length = min(block.maxLength - offset, (random.bounded(8) + 1) << 12)
        candidate = .io(
          request: ScenarioName("q", requestSerial),
          kind: random.chance(1, in: 2) ? .read : random.chance(1, in: 4) ? .zeroWrite : .write,
          backend: backend, host: block.host + offset, size: length,
          offset: diskOffset(&random))
      default:
        model.simulation.inFlightScenarioNames(into: &inFlight)
        guard let id = random.pick(inFlight) else { continue }
        candidate = .complete(request: id, ret: .success)
      }
      guard case .success = model.apply(candidate) else {
        candidate.discard()
        continue
      }
      let index = inputs.count
      model.drainHazards { hazards.note($0, at: index) }
      if case .registrarAttach = candidate { attached = true }
      inputs.append(consume candidate)
    }
    if attached {
      // The disk is unplugged: virtio_blk_device_unrealize() drains the
      // backend before it destroys the registrar.
      var completions = 0
      while completions < steps * 4 {
        model.simulation.inFlightScenarioNames(into: &inFlight)
        guard let id = inFlight.first else { break }
        completions += 1
        let complete = ScenarioInput.complete(request: id, ret: .success)
        guard case .success = model.apply(complete) else { break }
        let index = inputs.count
        model.drainHazards { hazards.note($0, at: index) }
        inputs.append(consume complete)
      }
      let destroy = ScenarioInput.registrarDestroy(backend: backend)
      if case .success = model.apply(destroy) {
        let index = inputs.count
        model.drainHazards { hazards.note($0, at: index) }
        inputs.append(destroy)
      }
    }
    return inputs
  }

  /// The names of the VM's RAMBlocks, made once for the first serials.
  static let blockNamesBySerial = (0..<512).map { "m\($0)" }

  /// The name of the VM's RAMBlock number `serial`.
  static func blockName(_ serial: Int) -> String {
    serial < blockNamesBySerial.count ? blockNamesBySerial[serial] : "m\(serial)"
  }
}
