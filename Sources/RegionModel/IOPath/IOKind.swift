/// A guest request's direction.
public enum IOKind: String, Hashable, Sendable {
  case read
  case write
}
