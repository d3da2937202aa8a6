namespace StatusSite.Staff;

/// <summary>Outcome of a staff operation: a value, or an error message with the HTTP status it maps to.</summary>
internal sealed record StaffResult<T>(T? Value, string? Error, int ErrorStatus = StatusCodes.Status400BadRequest)
{
    public bool Ok => Error is null;

    public static StaffResult<T> Success(T value) => new(value, null);

    public static StaffResult<T> Fail(string error, int status = StatusCodes.Status400BadRequest) => new(default, error, status);
}
