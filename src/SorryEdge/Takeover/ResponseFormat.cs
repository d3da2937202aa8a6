namespace SorryEdge.Takeover;

/// <summary>Which representation of an edge answer a client asked for.</summary>
public enum ResponseFormat
{
    Text,
    Html,
    Json,
}
