import RegionModel
import Testing

@Suite struct TracePropertyTests {
  typealias T = TraceTestSupport

  /// `record` of a generated scenario, split into lines.
  static func recordedLines(_ inputs: [TraceInput]) -> [String]? {
    let (outcome, text) = T.record(PropertyCheck.trace(inputs))
    guard case .recorded = outcome else { return nil }
    return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
  }

  static func join(_ lines: [String]) -> String { lines.joined(separator: "\n") + "\n" }

  static func callRecord(_ line: String) -> Call? {
    if case .output(.call(let call))? = try? T.parse(line) { return call }
    return nil
  }

  /// Every way to change one call record: each field, drop it, repeat it,
  /// swap it with the next record when that is a different call.
  static func mutants(of lines: [String]) -> [(String, [String])] {
    var mutants: [(String, [String])] = []
    for (index, line) in lines.enumerated() {
      guard let call = callRecord(line) else { continue }
      func replaced(_ call: Call) -> [String] {
        var copy = lines
        copy[index] = CanonicalForm.line(.call(call))
        return copy
      }
      func regions(_ region: MemRegion) -> [MemRegion] {
        var changed = [region, region, region, region]
        changed[0].addr &+= 1
        changed[1].len &+= 1
        changed[2].fd &+= 1
        changed[3].fdOffset &+= 1
        return changed
      }
      switch call {
      case .map(let region, let ret):
        for changed in regions(region) {
          mutants.append(("field of line \(index + 1)", replaced(.map(changed, ret))))
        }
        mutants.append(
          (
            "ret of line \(index + 1)",
            replaced(.map(region, ret == .success ? .failure(.EINVAL) : .success))
          ))
      case .unmap(let region):
        for changed in regions(region) {
          mutants.append(("field of line \(index + 1)", replaced(.unmap(changed))))
        }
      case .discardDisable(let ret):
        mutants.append(
          (
            "ret of line \(index + 1)",
            replaced(.discardDisable(ret == .success ? .failure(.EBUSY) : .success))
          ))
      case .discardEnable, .uncoordinatedDiscardEnable:
        break
      case .uncoordinatedDiscardDisable(let ret):
        mutants.append(
          (
            "ret of line \(index + 1)",
            replaced(.uncoordinatedDiscardDisable(ret == .success ? .failure(.EBUSY) : .success))
          ))
      case .discardRange(let addr, let len):
        mutants.append(
          ("field of line \(index + 1)", replaced(.discardRange(addr: addr &+ 1, len: len))))
        mutants.append(
          ("field of line \(index + 1)", replaced(.discardRange(addr: addr, len: len &+ 1))))
      case .alloc(let region, let ret):
        for changed in regions(region).prefix(3) {
          mutants.append(("field of line \(index + 1)", replaced(.alloc(changed, ret))))
        }
        mutants.append(
          (
            "ret of line \(index + 1)",
            replaced(.alloc(region, ret == .success ? .failure(.EINVAL) : .success))
          ))
      case .free(let region):
        for changed in regions(region).prefix(3) {
          mutants.append(("field of line \(index + 1)", replaced(.free(changed))))
        }
      case .submit(let request, let node, let buffer):
        var moved = buffer
        moved.addr &+= 1
        var longer = buffer
        longer.len &+= 1
        var other = buffer
        // A zero write's line names no buffer kind but `zeroes`.
        if buffer.zeroes { other.zeroes = false } else { other.bounce.toggle() }
        for changed in [moved, longer, other] {
          mutants.append(
            (
              "field of line \(index + 1)",
              replaced(.submit(request: request, node: node, buffer: changed))
            ))
        }
        mutants.append(
          (
            "node of line \(index + 1)",
            replaced(.submit(request: request, node: node + "x", buffer: buffer))
          ))
      case .wait(let request, let node):
        mutants.append(
          ("request of line \(index + 1)", replaced(.wait(request: request + "x", node: node))))
      case .done(let request, let ret):
        mutants.append(
          (
            "ret of line \(index + 1)",
            replaced(.done(request: request, ret: ret == .success ? .failure(.EIO) : .success))
          ))
      case .report(let message):
        mutants.append(("message of line \(index + 1)", replaced(.report(message + "."))))
      case .fault(let message):
        mutants.append(("message of line \(index + 1)", replaced(.fault(message + "."))))
      }
      var dropped = lines
      dropped.remove(at: index)
      mutants.append(("dropped line \(index + 1)", dropped))
      var repeated = lines
      repeated.insert(line, at: index)
      mutants.append(("repeated line \(index + 1)", repeated))
      if index + 1 < lines.count, let next = callRecord(lines[index + 1]), next != call {
        var swapped = lines
        swapped.swapAt(index, index + 1)
        mutants.append(("swapped lines \(index + 1) and \(index + 2)", swapped))
      }
    }
    return mutants
  }

  /// What `record` writes, `check` passes; recording it again changes
  /// nothing.
  @Test(arguments: PropertyCheck.seeds)
  func recordThenCheckPasses(seed: UInt64) {
    PropertyCheck.expect(seed: seed) { inputs in
      let (outcome, recorded) = T.record(PropertyCheck.trace(inputs))
      guard case .recorded = outcome else { return "record refused the scenario: \(outcome)" }
      let checked = T.check(recorded)
      guard T.passed(checked) else { return "check of the recording: \(checked)" }
      let (_, again) = T.record(recorded)
      return again == recorded ? nil : "recording the recording changed it"
    }
  }

  /// Every single change to a call record makes `check` report a mismatch.
  @Test(arguments: PropertyCheck.seeds)
  func checkCatchesEveryCallMutation(seed: UInt64) {
    PropertyCheck.expect(seed: seed, steps: 30) { inputs in
      guard let lines = Self.recordedLines(inputs) else { return "record refused the scenario" }
      for (what, mutant) in Self.mutants(of: lines) {
        if T.mismatch(T.check(Self.join(mutant))) == nil {
          return "check did not report the \(what)"
        }
      }
      return nil
    }
  }
}
