import RegionModel
import Testing

/// QEMU's exit (`shutdown`) and device removal, as `qemu_cleanup()` and
/// `virtio_blk_device_unrealize()` order them: both drain first, shutdown
/// takes the roots away and closes the nodes without unmap calls, and the
/// registrars stay; the series as posted then crashes on the next RAM
/// notification (U3), every release does nothing.
@Suite struct ShutdownTests {
  static let vm = """
    blkio-trace 1
    ramblock add pc.ram host=0x7f0000000000 max=1G fd=20
    open disk0 driver=virtio-blk-vhost-user
    backend add blk0 root=disk0
    registrar attach blk0

    """

  static func outputs(_ body: String, variant: DriverVariant) throws -> [String] {
    var simulation = Simulation(variant: variant)
    var lines: [String] = []
    for line in body.split(separator: "\n") where !line.hasPrefix("blkio-trace") {
      let input = try TraceTestSupport.input(String(line))
      let step = try simulation.apply(input)
      lines += step.calls.map { CanonicalForm.line(.call($0)) }
    }
    return lines
  }

  @Test(arguments: DriverVariant.allCases)
  func aBlockFreedAfterShutdownCrashesOnlyTheSeries(variant: DriverVariant) throws {
    let after = try Self.outputs(Self.vm + "shutdown\nramblock remove pc.ram\n", variant: variant)
    let crash = "> fault Segmentation fault"
    #expect(after.contains(crash) == (variant == .seed))
    // Only the registrar of `fixed` hears the roots go (its detach
    // notifier unregisters the RAM before the nodes close).
    #expect(after.contains { $0.hasPrefix("> unmap") } == (variant == .fixed))
  }

  @Test func aRegistrarOfABackendWithoutRootCrashesTheSeriesToo() throws {
    let body = Self.vm + "backend detach blk0\nramblock add m host=0x7f8000000000 max=2M fd=21\n"
    let series = try Self.outputs(body, variant: .seed)
    #expect(series.last == "> fault Segmentation fault")
    #expect(try Self.outputs(body, variant: .qemu72) == series.dropLast())
  }

  @Test func onlyRAMBlockRemovalsFollowShutdown() throws {
    var simulation = Simulation()
    for line in (Self.vm + "shutdown").split(separator: "\n").dropFirst() {
      _ = try simulation.apply(try TraceTestSupport.input(String(line)))
    }
    #expect(throws: SimulationError.afterShutdown) {
      try simulation.apply(try TraceTestSupport.input("open disk1 driver=io_uring"))
    }
    #expect(throws: SimulationError.afterShutdown) {
      try simulation.apply(try TraceTestSupport.input("registrar destroy blk0"))
    }
    _ = try simulation.apply(try TraceTestSupport.input("ramblock remove pc.ram"))
  }

  @Test func removalAndExitDrainFirst() throws {
    var simulation = Simulation()
    for line in (Self.vm + "read r1 blk=blk0 host=0x7f0000001000 size=4K").split(separator: "\n")
      .dropFirst()
    {
      _ = try simulation.apply(try TraceTestSupport.input(String(line)))
    }
    #expect(throws: SimulationError.backendNotDrained(backend: "blk0", request: "r1")) {
      try simulation.apply(try TraceTestSupport.input("registrar destroy blk0"))
    }
    #expect(throws: SimulationError.shutdownNotDrained(request: "r1")) {
      try simulation.apply(try TraceTestSupport.input("shutdown"))
    }
    _ = try simulation.apply(try TraceTestSupport.input("complete r1"))
    let destroyed = try simulation.apply(try TraceTestSupport.input("registrar destroy blk0"))
    #expect(destroyed.calls.count == 1)
  }
}
