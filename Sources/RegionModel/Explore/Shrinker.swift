/// A greedy shrinker for scenarios: drops chunks of inputs (halves, then
/// quarters, down to single inputs), drops whole entities (a block, node,
/// backend or request with every input that names it), merges entities
/// (renames one to another), then simplifies numbers and overrides, until no
/// smaller scenario keeps the predicate. Only valid scenarios are kept, and
/// the result is locally minimal: removing any one input loses the
/// predicate or the trace's validity.
public enum Shrinker {
  /// Shrinks `inputs` while `keeps` holds; `keeps` must hold for `inputs`.
  public static func shrink(
    _ inputs: [TraceInput], variant: DriverVariant = .seed, keeps: ([TraceInput]) -> Bool
  ) -> [TraceInput] {
    func stillFails(_ candidate: [TraceInput]) -> Bool {
      ScenarioGenerator.isValid(candidate, variant: variant) && keeps(candidate)
    }
    var current = inputs
    var improved = true
    var rounds = 0
    while improved, rounds < 10_000 {
      improved = false
      rounds += 1
      let dropped = dropChunks(current, keeps: stillFails)
      if dropped.count < current.count {
        current = dropped
        improved = true
      }
      for candidate in EntityEdits.candidates(current) where stillFails(candidate) {
        current = candidate
        improved = true
        break
      }
      for index in current.indices {
        var simplified = true
        while simplified {
          simplified = false
          for simpler in simplifications(of: current[index]) {
            var candidate = current
            candidate[index] = simpler
            if stillFails(candidate) {
              current = candidate
              improved = true
              simplified = true
              break
            }
          }
        }
      }
    }
    return current
  }

  /// Drops chunks of `items` (halves, then quarters, down to single items)
  /// while `keeps` holds, until no single item can be dropped.
  public static func dropChunks<Item>(_ items: [Item], keeps: ([Item]) -> Bool) -> [Item] {
    var current = items
    var dropped = true
    while dropped {
      dropped = false
      var chunk = max(current.count / 2, 1)
      while chunk >= 1 {
        var start = 0
        while start < current.count {
          var candidate = current
          candidate.removeSubrange(start..<min(start + chunk, current.count))
          if keeps(candidate) {
            current = candidate
            dropped = true
          } else {
            start += chunk
          }
        }
        chunk /= 2
      }
    }
    return current
  }

  /// Smaller values to try for a number: 0, half, and page-aligned down.
  static func smaller(_ value: UInt64) -> [UInt64] {
    value == 0 ? [] : [0, value / 2, value & ~0xFFF].filter { $0 < value }
  }

  /// Simpler versions of one input: smaller numbers, fewer overrides, no
  /// child role, no detect-zeroes, data that is not all zeroes.
  static func simplifications(of input: TraceInput) -> [TraceInput] {
    switch input {
    case .ramblockAdd(let name, let host, let max, let used, let fd, let fileOffset, let memfd):
      func block(
        host: UInt64, used: UInt64?, fileOffset: UInt64, memfd: Bool
      ) -> TraceInput {
        .ramblockAdd(
          name: name, host: host, max: max, used: used, fd: fd, fileOffset: fileOffset,
          guestMemfd: memfd)
      }
      return smaller(host).map { block(host: $0, used: used, fileOffset: fileOffset, memfd: memfd) }
        + (used == nil ? [] : [block(host: host, used: nil, fileOffset: fileOffset, memfd: memfd)])
        + (fileOffset == 0 ? [] : [block(host: host, used: used, fileOffset: 0, memfd: memfd)])
        + (memfd ? [block(host: host, used: used, fileOffset: fileOffset, memfd: false)] : [])
    case .register(let node, let host, let size):
      return smaller(host).map { .register(node: node, host: $0, size: size) }
        + smaller(size).map { .register(node: node, host: host, size: $0) }
    case .unregister(let node, let host, let size):
      return smaller(host).map { .unregister(node: node, host: $0, size: size) }
        + smaller(size).map { .unregister(node: node, host: host, size: $0) }
    case .open(let node, let driver, let overrides):
      return overrides.indices.map { index in
        var fewer = overrides
        fewer.remove(at: index)
        return .open(node: node, driver: driver, overrides: fewer)
      }
    case .childAdd(let parent, let child, let role) where role != .unnamed:
      return [.childAdd(parent: parent, child: child)]
    case .nodeAdd(let node, var format) where format.detectZeroes != .off:
      format.detectZeroes = .off
      return [.nodeAdd(node: node, format: format)]
    case .io(let request, let kind, let backend, let host, let size, let offset)
    where kind == .zeroWrite || offset != 0:
      var simpler: [TraceInput] = []
      if offset != 0 {
        simpler.append(
          .io(request: request, kind: kind, backend: backend, host: host, size: size))
      }
      if kind == .zeroWrite {
        simpler.append(
          .io(
            request: request, kind: .write, backend: backend, host: host, size: size,
            offset: offset))
      }
      return simpler
    default:
      return []
    }
  }
}
