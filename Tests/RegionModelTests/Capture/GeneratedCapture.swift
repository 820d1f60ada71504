import RegionModel

/// A capture written from a random scenario run through the model, as the
/// interposer would have written it for a QEMU that behaves as the model
/// says; with the RAM trace `regionsim import` would have written. The
/// properties plant differences in it and demand that `check
/// --calls-only` names them.
struct GeneratedCapture {
  /// What a line of the capture is, for working out where a difference
  /// must be reported.
  enum Kind: Equatable {
    /// A map or unmap of guest memory, compared with the model's; `byEvent`
    /// when an event line caused it (not the assumed registrar attach).
    case guestCall(byEvent: Bool)
    /// A call on the bounce pool, set aside.
    case bounce
    /// An event line or `blkio_destroy()`: the model's owed calls must
    /// have come by then.
    case barrier
    /// Anything else (header, open, property reads).
    case other
  }

  var lines: [String] = ["regionsim-capture 1 pid=1"]
  var kinds: [Kind] = [.other]
  var ram: [String] = ["blkio-trace 1"]

  var text: String { lines.joined(separator: "\n") + "\n" }
  var ramText: String { ram.joined(separator: "\n") + "\n" }

  static let handle = "0x5500"

  mutating func add(_ line: String, _ kind: Kind) {
    lines.append(line)
    kinds.append(kind)
  }

  /// The model's map and unmap calls as capture records.
  mutating func add(_ output: StepOutput, byEvent: Bool) {
    for call in output.calls {
      switch call {
      case .map(let region, let ret):
        add(
          "map handle=\(Self.handle) \(Self.fields(region)) ret=\(ret.cValue) tid=1",
          .guestCall(byEvent: byEvent))
      case .unmap(let region):
        add(
          "unmap handle=\(Self.handle) \(Self.fields(region)) tid=1", .guestCall(byEvent: byEvent))
      default: continue
      }
    }
  }

  static func fields(_ region: MemRegion) -> String {
    "addr=0x\(String(region.addr, radix: 16)) len=0x\(String(region.len, radix: 16)) iova=0x0 "
      + "fd-offset=0x\(String(region.fdOffset, radix: 16)) fd=\(region.fd) flags=0x0"
  }

  /// The map and unmap calls of `output`.
  static func guestCalls(_ output: StepOutput) -> [Call] {
    output.calls.filter {
      switch $0 {
      case .map, .unmap: true
      default: false
      }
    }
  }

  /// A scenario from `seed`: RAMBlocks (some plugged later), one blkio
  /// instance opened with random properties, its device's registrar, RAM
  /// plugged and unplugged, bounce-pool traffic, the device removed, exit.
  static func make(seed: UInt64) -> GeneratedCapture {
    var random = SplitMix64(seed: seed)
    var capture = GeneratedCapture()
    var model = Simulation(variant: .merged, watchesHazards: false)
    func apply(_ input: TraceInput) -> StepOutput {
      // Inputs that the model refuses are not generated, so this holds.
      guard let output = try? model.apply(input) else {
        preconditionFailure("seed \(seed): the model refuses '\(CanonicalForm.line(input))'")
      }
      return output
    }
    // RAMBlocks 4 GiB apart; some without an fd; a length now and then
    // not a multiple of 4 KiB (an alignment failure on vDPA and VFIO).
    var held: [TraceInput] = []
    var heldInFull: Set<String> = []
    var present: [String] = []
    for index in 0..<(1 + Int(random.bounded(4))) {
      var max = (1 + random.bounded(64)) << 20
      if random.chance(1, in: 8) { max += 0x200 }
      let block = TraceInput.ramblockAdd(
        name: "b\(index)", host: 0x7f00_0000_0000 + UInt64(index) << 32, max: max, used: nil,
        fd: random.chance(3, in: 4) ? Int32(20 + index) : -1, fileOffset: 0)
      // A block plugged later is in the RAM trace (the listing is taken
      // after the plug) unless its event gives it in full; a block that
      // is never plugged is in neither.
      if index > 0, random.chance(1, in: 3) {
        held.append(block)
        if random.chance(1, in: 4) { heldInFull.insert("b\(index)") }
      } else {
        capture.ram.append(CanonicalForm.line(block))
        _ = apply(block)
        present.append("b\(index)")
      }
    }
    // The open, in QEMU's order of reads.
    let driver = random.pick(BlkioDriverName.allCases) ?? .virtioBlkVhostUser
    let needs = random.chance(3, in: 4)
    let needsFD = random.chance(1, in: 2)
    let alignment = random.pick([1, 512, 4096] as [UInt64]) ?? 1
    let mayPin = random.pick([true, false, nil] as [Bool?]) ?? nil
    let h = handle
    capture.add("create driver=\(driver.rawValue) ret=0 handle=\(h) tid=1", .other)
    capture.add("set-str handle=\(h) name=path value=/run/disk%201.sock ret=0 tid=1", .other)
    capture.add("connect handle=\(h) ret=0 tid=1", .other)
    capture.add("get-bool handle=\(h) name=needs-mem-regions ret=0 value=\(needs) tid=1", .other)
    capture.add(
      "get-bool handle=\(h) name=needs-mem-region-fd ret=0 value=\(needsFD) tid=1", .other)
    capture.add(
      "get-uint64 handle=\(h) name=mem-region-alignment ret=0 value=\(alignment) tid=1", .other)
    capture.add(
      mayPin.map { "get-bool handle=\(h) name=may-pin-mem-regions ret=0 value=\($0) tid=1" }
        ?? "get-bool handle=\(h) name=may-pin-mem-regions ret=-2 msg=unknown%20property tid=1",
      .other)
    capture.add("start handle=\(h) ret=0 tid=1", .other)
    capture.add("get-uint64 handle=\(h) name=capacity ret=0 value=1073741824 tid=1", .other)
    let open = apply(
      .open(
        node: "blkio1", driver: driver,
        overrides: [
          .needsMemRegions(needs), .needsMemRegionFD(needsFD), .memRegionAlignment(alignment),
          .mayPinMemRegions(mayPin),
        ]))
    // The registrar, as the checker assumes it: attached at the first map
    // (so only when its first call is a map).
    var trial = model
    var attached = false
    if open.result == .ok {
      _ = try? trial.apply(.backendAdd(backend: "blk1", root: "blkio1"))
      if let attach = try? trial.apply(.registrarAttach(backend: "blk1")),
        case .map? = guestCalls(attach).first
      {
        model = trial
        attached = true
        capture.add(attach, byEvent: false)
      }
    }
    var destroyed = false
    var bounceNext: UInt64 = 0x7ffe_0000_0000
    for _ in 0..<Int(random.bounded(7)) {
      switch random.bounded(4) {
      case 0 where !held.isEmpty:
        let block = held.removeFirst()
        guard case .ramblockAdd(let name, _, _, _, _, _, _) = block else { continue }
        if heldInFull.contains(name) {
          capture.add("event " + CanonicalForm.line(block), .barrier)
        } else {
          capture.ram.append(CanonicalForm.line(block))
          capture.add("event ramblock add \(name)", .barrier)
        }
        capture.add(apply(block), byEvent: true)
        present.append(name)
      case 1 where !present.isEmpty:
        let name = present.remove(at: Int(random.bounded(UInt64(present.count))))
        capture.add("event ramblock remove \(name)", .barrier)
        capture.add(apply(.ramblockRemove(name: name)), byEvent: true)
      case 2 where attached && !destroyed:
        destroyed = true
        capture.add("event registrar destroy blk1", .barrier)
        capture.add(apply(.registrarDestroy(backend: "blk1")), byEvent: true)
      default:
        // Bounce-pool traffic: the checker sets it aside.
        let region =
          "addr=0x\(String(bounceNext, radix: 16)) len=0x21000 iova=0x0 fd-offset=0x0 fd=900 flags=0x0"
        bounceNext += 0x20_0000
        capture.add("alloc handle=\(h) size=0x21000 ret=0 \(region) tid=1", .bounce)
        capture.add("map handle=\(h) \(region) ret=0 tid=1", .bounce)
        if random.chance(1, in: 2) {
          capture.add("unmap handle=\(h) \(region) tid=1", .bounce)
          capture.add("free handle=\(h) \(region) tid=1", .bounce)
        }
      }
    }
    // blkio_destroy(): the checker's backend detach and close.
    capture.add("destroy handle=\(h) tid=1", .barrier)
    if attached { capture.add(apply(.backendDetach(backend: "blk1")), byEvent: true) }
    if open.result == .ok { capture.add(apply(.close(node: "blkio1")), byEvent: true) }
    // Lines after the last call (a note someone appended) leave the point
    // where a missing call is reported at the destroy.
    if random.chance(1, in: 2) { capture.add("# the VM has exited", .other) }
    return capture
  }
}
