/// The modelled QEMU process: its RAM map, its RAM-discard manager, its open
/// blkio nodes and its realized virtio-mem devices.
///
/// A trace's inputs are applied one by one with ``apply(_:)``; each returns
/// the calls the driver made and the input's result.
public struct Simulation: Hashable, Sendable {
  /// The RAM map.
  public private(set) var ram: RAMMap
  /// The RAM-discard manager's counters.
  public private(set) var discard: DiscardManager
  /// The open blkio nodes, by node name.
  public private(set) var nodes: [String: BlkioNode]
  /// How many virtio-mem devices are realized (`discard require` that
  /// succeeded, minus `discard release`).
  public private(set) var realizedVirtioMemDevices: Int

  /// A process with no RAM, no node and no virtio-mem device.
  public init() {
    ram = RAMMap()
    discard = DiscardManager()
    nodes = [:]
    realizedVirtioMemDevices = 0
  }
}

// MARK: - Applying inputs

extension Simulation {
  /// Applies one input and returns what the driver did.
  ///
  /// Throws, changing nothing, when the trace format forbids the input in
  /// this state (see ``SimulationError``).
  public mutating func apply(_ input: TraceInput) throws(SimulationError) -> StepOutput {
    var log = CallLog()
    let result = try apply(input, log: &log)
    return StepOutput(calls: log.calls, result: result)
  }

  /// Applies one input, appending the driver's calls to `log`; returns the
  /// result for inputs that yield one, nil for the others.
  public mutating func apply(
    _ input: TraceInput, log: inout CallLog
  ) throws(SimulationError) -> Outcome? {
    switch input {
    case .ramblockAdd(let name, let host, let max, let used, let fd, let fileOffset):
      do {
        try ram.add(
          name: name, host: host, maxLength: max, usedLength: used, fd: fd, fileOffset: fileOffset)
      } catch { throw .ramMap(error) }
      return nil
    case .ramblockRemove(let name):
      do { try ram.remove(named: name) } catch { throw .ramMap(error) }
      return nil
    case .ramblockResize(let name, let used):
      do { try ram.resize(named: name, usedLength: used) } catch { throw .ramMap(error) }
      return nil
    case .open(let name, let driver, let overrides):
      guard nodes[name] == nil else { throw .nodeAlreadyOpen(name) }
      let properties = BlkioProperties.defaults(for: driver).applying(overrides)
      do {
        nodes[name] = try BlkioNode.open(properties: properties, discard: &discard, log: &log)
        return .ok
      } catch {
        return .error(error.message)
      }
    case .close(let name):
      guard let node = nodes.removeValue(forKey: name) else { throw .nodeNotOpen(name) }
      node.close(discard: &discard, log: &log)
      return nil
    case .register(let name, let host, let size):
      guard var node = nodes[name] else { throw .nodeNotOpen(name) }
      defer { nodes[name] = node }
      do {
        try node.register(host: host, size: size, ram: ram, log: &log)
        return .ok
      } catch {
        return .error(error.message)
      }
    case .unregister(let name, let host, let size):
      guard var node = nodes[name] else { throw .nodeNotOpen(name) }
      node.unregister(host: host, size: size, ram: ram, log: &log)
      nodes[name] = node
      return nil
    case .discardRequire:
      // Models virtio_mem_device_realize()'s call and its error message.
      if discard.coordinatedRequire(true).failed {
        return .error("Discarding RAM is disabled")
      }
      realizedVirtioMemDevices += 1
      return .ok
    case .discardRelease:
      guard realizedVirtioMemDevices > 0 else { throw .noVirtioMemRealized }
      _ = discard.coordinatedRequire(false)
      realizedVirtioMemDevices -= 1
      return nil
    }
  }
}
