import RegionModel
import Testing

/// Requests follow the child's role, not its place in the list: qcow2
/// sends data to `data-file`, else `file` (`s->data_file`); raw and
/// throttle to `file`. QEMU attaches qcow2's `file` first and `backing`
/// later (`bdrv_open_inherit()`), so `backing` is at the head of the list,
/// where the model's old rule (the newest child) would have sent the data.
@Suite struct ChildRoleTests {
  static func submittedNode(_ lines: [String]) throws -> String? {
    var simulation = Simulation(variant: .qemu101)
    var node: String?
    for line in lines {
      for call in try simulation.apply(try TraceTestSupport.input(line)).calls {
        if case .submit(_, let target, _) = call { node = target }
      }
    }
    return node
  }

  static let overlay = [
    "open base driver=io_uring", "open image driver=io_uring",
    "node add disk format=qcow2", "child add disk image role=file",
    "child add disk base role=backing", "backend add blk root=disk",
  ]
  static let read = "read r blk=blk host=0x1000 size=4K"

  @Test func qcow2SendsDataToItsFileNotItsBacking() throws {
    #expect(try Self.submittedNode(Self.overlay + [Self.read]) == "image")
  }

  @Test func aDataFileTakesTheData() throws {
    let lines =
      Self.overlay + ["open data driver=io_uring", "child add disk data role=data-file", Self.read]
    #expect(try Self.submittedNode(lines) == "data")
  }

  @Test func withoutRolesTheNewestChildStillTakesIt() throws {
    let lines = [
      "open a driver=io_uring", "open b driver=io_uring", "node add top format=raw",
      "child add top a", "child add top b", "backend add blk root=top", Self.read,
    ]
    #expect(try Self.submittedNode(lines) == "b")
  }

  @Test func aReplacedChildKeepsItsRole() throws {
    let lines =
      Self.overlay + ["open target driver=io_uring", "node replace image target", Self.read]
    #expect(try Self.submittedNode(lines) == "target")
  }

  @Test func aRoleIsHeldOnce() throws {
    var simulation = Simulation()
    for line in Self.overlay { _ = try simulation.apply(try TraceTestSupport.input(line)) }
    _ = try simulation.apply(try TraceTestSupport.input("open other driver=io_uring"))
    #expect(throws: SimulationError.roleTaken(parent: "disk", role: "file", by: "image")) {
      try simulation.apply(try TraceTestSupport.input("child add disk other role=file"))
    }
    #expect(throws: TraceSyntaxError.self) {
      try TraceTestSupport.input("child add disk other role=child")
    }
    let input = try TraceTestSupport.input("child add disk other role=backing")
    #expect(CanonicalForm.line(input) == "child add disk other role=backing")
  }
}
