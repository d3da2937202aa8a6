namespace SorryEdge.Takeover;

/// <summary>Which representation of an edge answer a client asked for.</summary>
internal enum ResponseFormat
{
    Text,
    Html,
    Json,
}
