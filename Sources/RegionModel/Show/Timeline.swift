/// What `regionsim show` draws: a trace replayed under one variant, as
/// spans and marks over the inputs (rows) and the address space (columns).
///
/// Steps are numbered from 0 in trace order, one per input; a span runs
/// from the step that opened it to the step that closed it (`end` nil:
/// still open after the last step drawn).
public struct Timeline: Hashable, Sendable {
  /// One input.
  public struct Step: Hashable, Sendable {
    /// The trace line of the input.
    public var line: Int
    /// The input as written, trimmed.
    public var input: String
    /// The model's output lines for it, in canonical form.
    public var outputs: [String]
  }

  /// A RAMBlock's life: `ramblock add` to `ramblock remove`.
  public struct BlockBand: Hashable, Sendable {
    public var name: String
    public var host: UInt64
    public var maxLength: UInt64
    public var fd: Int32
    public var fileOffset: UInt64
    public var start: Int
    public var end: Int?
    /// The used length from each step on (`ramblock resize`), in order.
    public var usedLengths: [UsedLength]
  }

  /// A block's used length from `step` on.
  public struct UsedLength: Hashable, Sendable {
    public var step: Int
    public var used: UInt64
  }

  /// A region a blkio node had mapped (`blkio_map_mem_region()` that
  /// returned 0, until the unmap or the instance's destruction).
  public struct RegionBar: Hashable, Sendable {
    public var node: String
    public var region: MemRegion
    /// Whether the region is the node's bounce-buffer pool
    /// (`blkio_alloc_mem_region()` memory) rather than guest RAM.
    public var isBouncePool: Bool
    public var start: Int
    public var end: Int?
    /// How it ended: unmapped by a call, or dropped silently when the
    /// instance was destroyed (`blkio_destroy()`).
    public var droppedSilently: Bool
  }

  /// A map call that did not leave a new mapping behind, or a stray unmap.
  public struct MapMark: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
      /// The call returned an error.
      case failed
      /// The call was for a region a node had mapped already: refused, or
      /// (where libblkio would let it through) accepted again.
      case duplicate
      /// An unmap of a region no node had mapped.
      case strayUnmap
    }
    public var kind: Kind
    public var region: MemRegion
    public var returned: ReturnValue
    public var step: Int
  }

  /// A guest request from its submission (or first wait) to its completion.
  public struct RequestSpan: Hashable, Sendable {
    public var name: String
    public var node: String
    /// The guest's buffer.
    public var host: UInt64
    public var size: UInt64
    /// The buffer libblkio received, once submitted.
    public var buffer: IOBuffer?
    public var start: Int
    /// The step that submitted it, when it waited first.
    public var submitted: Int?
    public var end: Int?
    /// The steps at which it waited for bounce-buffer space.
    public var waits: [Int]
  }

  /// A discard-manager call or a refused virtio-mem/balloon input: the
  /// side lane.
  public struct SideEvent: Hashable, Sendable {
    public var step: Int
    public var text: String
    /// Whether it is a refusal or a failure (drawn in red).
    public var isRefusal: Bool
  }

  /// A hazard shown by an input.
  public struct HazardMark: Hashable, Sendable {
    public var step: Int
    public var hazard: Hazard
  }

  /// The variant replayed.
  public var variant: DriverVariant
  /// The inputs drawn, in order.
  public var steps: [Step] = []
  public var blocks: [BlockBand] = []
  public var bars: [RegionBar] = []
  public var marks: [MapMark] = []
  public var requests: [RequestSpan] = []
  public var sideEvents: [SideEvent] = []
  public var hazards: [HazardMark] = []
  /// The number of inputs in the whole trace.
  public var totalInputs = 0
  /// The trace line of the last input; 0 without inputs.
  public var lastLine = 0
  /// The hazards of the inputs past the last one drawn.
  public var hazardsLeftOut = 0

  /// An empty timeline of `variant`.
  public init(variant: DriverVariant) {
    self.variant = variant
  }

  /// Whether inputs were left out of the picture.
  public var isTruncated: Bool { totalInputs > steps.count }
}
