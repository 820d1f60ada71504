import RegionModel
import Testing

@Suite struct ModelPropertyTests {
  /// SKIP and FAIL make no map call; OK makes exactly one, of the region
  /// the lookup gives; the register succeeds exactly when the map did.
  @Test(arguments: PropertyCheck.seeds)
  func registerMapsWhatTheSeedDecides(seed: UInt64) {
    PropertyCheck.expect(seed: seed) { inputs in
      var simulation = Simulation()
      for (index, input) in inputs.enumerated() {
        var decision: RegisterOracle.Decision?
        if case .register(let name, let host, let size) = input,
          let node = simulation.blkioNode(named: name)
        {
          decision = RegisterOracle.decide(node: node, host: host, size: size, ram: simulation.ram)
        }
        guard let output = try? simulation.apply(input) else {
          return "input \(index + 1) was refused"
        }
        simulation.checkInvariants()
        switch decision {
        case nil:
          continue
        case .noCall(let result)?:
          if output.calls != [] || output.result != result {
            return "input \(index + 1): expected no call and \(result), got \(output)"
          }
        case .map(let region)?:
          guard output.calls.count == 1, case .map(let mapped, let ret) = output.calls[0],
            mapped == region
          else { return "input \(index + 1): expected one map of \(region), got \(output.calls)" }
          let prefix =
            "Failed to add blkio mem region \(CFormat.pointer(region.addr)) with size \(region.len): "
          switch (ret, output.result) {
          case (.success, .ok?): break
          case (.failure, .error(let message)?) where message.hasPrefix(prefix): break
          default:
            return
              "input \(index + 1): map returned \(ret) but the result is \(String(describing: output.result))"
          }
        }
      }
      return nil
    }
  }

  /// An unregister right after a successful register with the same
  /// arguments unmaps exactly the region that was mapped.
  @Test(arguments: PropertyCheck.seeds)
  func unregisterUndoesTheRegisterBeforeIt(seed: UInt64) {
    PropertyCheck.expect(seed: seed) { inputs in
      var simulation = Simulation()
      for (index, input) in inputs.enumerated() {
        guard let output = try? simulation.apply(input) else {
          return "input \(index + 1) was refused"
        }
        simulation.checkInvariants()
        guard case .register(let name, let host, let size) = input, output.result == .ok else {
          continue
        }
        var after = simulation
        guard let undo = try? after.apply(.unregister(node: name, host: host, size: size)) else {
          return "unregister after input \(index + 1) was refused"
        }
        let mapped = output.calls.compactMap { call -> MemRegion? in
          if case .map(let region, .success) = call { return region }
          return nil
        }
        if undo.calls != mapped.map(Call.unmap) {
          return "input \(index + 1) mapped \(mapped) but the unregister made \(undo.calls)"
        }
        if let region = mapped.first, let node = after.blkioNode(named: name),
          node.blkio.mappedRegions.contains(region)
        {
          return "input \(index + 1): \(region) is still mapped after its unregister"
        }
      }
      return nil
    }
  }

  /// A pinned open asks to disable discard and fails exactly when a
  /// virtio-mem device is realized; an unpinned one never touches discard;
  /// once every node is closed the disable count is back to zero.
  @Test(arguments: PropertyCheck.seeds)
  func discardAccountingBalances(seed: UInt64) {
    PropertyCheck.expect(seed: seed) { inputs in
      var simulation = Simulation()
      for (index, input) in inputs.enumerated() {
        let realized = simulation.realizedVirtioMemDevices
        guard let output = try? simulation.apply(input) else {
          return "input \(index + 1) was refused"
        }
        simulation.checkInvariants()
        guard case .open(_, let driver, let overrides) = input else { continue }
        let properties = BlkioProperties.defaults(for: driver).applying(overrides)
        let pinned = properties.memRegionsPinned ?? properties.needsMemRegions
        let discardCalls = output.calls.filter { $0 != .discardEnable }
        if !pinned, !output.calls.isEmpty {
          return "input \(index + 1): an unpinned open made \(output.calls)"
        }
        if pinned, discardCalls != [.discardDisable(realized > 0 ? .failure(.EBUSY) : .success)] {
          return
            "input \(index + 1): pinned open with \(realized) virtio-mem devices made \(output.calls)"
        }
        let refused =
          output.result == .error("ram_block_discard_disable() failed: Device or resource busy")
        if refused != (pinned && realized > 0) {
          return
            "input \(index + 1): open result \(String(describing: output.result)) with pinned=\(pinned), realized=\(realized)"
        }
      }
      guard Teardown.closeEverything(&simulation) else { return "the teardown was refused" }
      if simulation.discard.disabledCount != 0 {
        return "after closing every node the disable count is \(simulation.discard.disabledCount)"
      }
      return nil
    }
  }
}
