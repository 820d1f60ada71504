import Testing

@testable import RegionModel

/// The shrinker simplifies the newer records too: a child's role, a node's
/// detect-zeroes and a write's all-zero data go when the hazard does not
/// need them, and stay when it does.
@Suite struct ShrinkNewRecordsTests {
  static func inputs(_ lines: [String]) throws -> [TraceInput] {
    try lines.map { try TraceTestSupport.input($0) }
  }

  @Test func whatTheHazardDoesNotNeedIsDropped() throws {
    // A node with a role or detect-zeroes that the hazard does not need is
    // dropped whole here, so the simplifications are checked one by one.
    #expect(
      Shrinker.simplifications(of: .childAdd(parent: "f", child: "n", role: .backing))
        == [.childAdd(parent: "f", child: "n")])
    let detecting = FormatNode(format: "raw", detectZeroes: .unmap)
    #expect(
      Shrinker.simplifications(of: .nodeAdd(node: "f", format: detecting))
        == [.nodeAdd(node: "f", format: FormatNode(format: "raw"))])
    let zero = try Self.inputs([
      "open n driver=virtio-blk-vhost-user", "backend add b root=n", "registrar attach b",
      "write w blk=b host=0x1000 size=4K zeroes=true",
    ])
    let plain = Shrinker.shrink(zero, toShow: .ioUnmapped)
    #expect(plain.contains { if case .io(_, .write, _, _, _, _) = $0 { true } else { false } })
    #expect(!plain.contains { if case .io(_, .zeroWrite, _, _, _, _) = $0 { true } else { false } })
  }

  @Test func whatTheHazardNeedsStays() throws {
    let trace = try Self.inputs([
      "open n driver=virtio-blk-vhost-user", "node add f format=raw detect-zeroes=on",
      "child add f n", "backend add b root=f", "registrar attach b",
      "write w blk=b host=0x1000 size=4K zeroes=true",
    ])
    let shrunk = Shrinker.shrink(trace, toShow: .zeroWriteFlagged)
    #expect(
      shrunk.contains { if case .nodeAdd(_, let f) = $0 { f.detectZeroes == .on } else { false } })
    #expect(shrunk.contains { if case .io(_, .zeroWrite, _, _, _, _) = $0 { true } else { false } })
  }
}
