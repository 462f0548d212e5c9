using System.Globalization;
using Microsoft.AspNetCore.Components;
using MonevDashboard.Components.Localization;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Features.Indicators;
using MudBlazor;
using Direction = MonevDashboard.Domain.Direction;

namespace MonevDashboard.Features.Indicators;

public partial class IndicatorEditForm
{
    private static readonly Disaggregation[] s_dimensions = [Disaggregation.Sex, Disaggregation.Province, Disaggregation.Country];

    [Parameter, EditorRequired] public IndicatorAdminRow Row { get; set; } = default!;

    /// <summary>The disaggregations stored figures use: shown as such, and refused by the server when removed.</summary>
    [Parameter] public Disaggregation UsedDisaggregations { get; set; }

    [Parameter] public EventCallback OnSaved { get; set; }

    /// <summary>Loads the stored indicator again after a conflict (the parent hands a fresh row, which resets the form).</summary>
    [Parameter] public EventCallback OnReload { get; set; }

    private string _nameId = "", _nameEn = "", _definitionId = "", _definitionEn = "", _unit = "", _unitEn = "", _dataSource = "";
    private string _baselineYear = "", _baselineValue = "", _reason = "";
    private Direction _direction;
    private Ministry _owner;
    private bool _isActive;
    private Disaggregation _disaggregations;
    private bool _saving;
    private IReadOnlyList<IndicatorFieldError> _serverErrors = [];
    private IndicatorAdminRow? _shown;
    private EditConflictException? _conflict;

    protected override void OnParametersSet()
    {
        if (ReferenceEquals(_shown, Row))
        {
            return;
        }
        _shown = Row;
        (_nameId, _nameEn, _definitionId, _definitionEn) = (Row.NameId, Row.NameEn, Row.DefinitionId, Row.DefinitionEn);
        (_unit, _unitEn, _dataSource) = (Row.Unit, Row.UnitEn, Row.DataSource);
        (_direction, _owner, _isActive, _disaggregations) = (Row.Direction, Row.Owner, Row.IsActive, Row.Disaggregations);
        _baselineYear = Row.BaselineYear?.ToString(CultureInfo.InvariantCulture) ?? "";
        _baselineValue = IndonesianNumber.ToInput(Row.BaselineValue);
        _serverErrors = [];
        _conflict = null;
    }

    private IndicatorEdit Edit => new()
    {
        Id = Row.Id, NameId = _nameId, NameEn = _nameEn, DefinitionId = _definitionId, DefinitionEn = _definitionEn,
        Unit = _unit, UnitEn = _unitEn, Direction = _direction, Owner = _owner, DataSource = _dataSource, IsActive = _isActive,
        BaselineYear = int.TryParse(_baselineYear, NumberStyles.None, CultureInfo.InvariantCulture, out var year) ? year : null,
        BaselineValue = IndonesianNumber.TryParse(_baselineValue, out var value) ? value : null,
        Disaggregations = _disaggregations, Version = Row.Version,
    };

    /// <summary>Typing errors first (a baseline that is not a number), then the rules, then what the server said.</summary>
    private IReadOnlyList<IndicatorFieldError> Errors
    {
        get
        {
            var errors = new List<IndicatorFieldError>();
            if (!string.IsNullOrWhiteSpace(_baselineYear) && !int.TryParse(_baselineYear, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                errors.Add(new(IndicatorField.BaselineYear, L["IndicatorAdmin.BaselineYearNotNumber", _baselineYear]));
            }
            if (!string.IsNullOrWhiteSpace(_baselineValue) && !IndonesianNumber.TryParse(_baselineValue, out _))
            {
                errors.Add(new(IndicatorField.BaselineValue, L["IndicatorAdmin.BaselineValueNotNumber", _baselineValue]));
            }
            errors.AddRange(Rules.Validate(Edit).Where(e => errors.All(t => t.Field != e.Field)));
            errors.AddRange(_serverErrors.Where(e => errors.All(t => t.Field != e.Field)));
            return errors;
        }
    }

    private string? ErrorOf(IndicatorField field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;

    private string DimensionLabel(Disaggregation dimension) =>
        UsedDisaggregations.HasFlag(dimension)
            ? L["IndicatorAdmin.ByInUse", L["IndicatorAdmin.By." + dimension]]
            : L["IndicatorAdmin.By." + dimension];

    private void Toggle(Disaggregation dimension, bool on)
    {
        _disaggregations = on ? _disaggregations | dimension : _disaggregations & ~dimension;
        _serverErrors = [.. _serverErrors.Where(e => e.Field != IndicatorField.Disaggregations)];
    }

    private RenderFragment Field(IndicatorField field, Func<string> get, Action<string> set, int lines = 1, bool numeric = false) => __builder =>
    {
        var error = ErrorOf(field);
        __builder.OpenComponent<MudTextField<string>>(0);
        __builder.AddComponentParameter(1, nameof(MudTextField<string>.Value), get());
        __builder.AddComponentParameter(2, nameof(MudTextField<string>.ValueChanged), EventCallback.Factory.Create<string>(this, v =>
        {
            set(v ?? "");
            _serverErrors = [.. _serverErrors.Where(e => e.Field != field)];
        }));
        __builder.AddComponentParameter(3, nameof(MudTextField<string>.Label), L["IndicatorAdmin.Field." + field].Value);
        __builder.AddComponentParameter(4, nameof(MudTextField<string>.Error), error is not null);
        __builder.AddComponentParameter(5, nameof(MudTextField<string>.ErrorText), error);
        __builder.AddComponentParameter(6, nameof(MudTextField<string>.Variant), Variant.Outlined);
        __builder.AddComponentParameter(7, nameof(MudTextField<string>.Margin), Margin.Dense);
        __builder.AddComponentParameter(8, nameof(MudTextField<string>.Lines), lines);
        __builder.AddComponentParameter(9, nameof(MudTextField<string>.InputMode), numeric ? InputMode.@decimal : InputMode.text);
        __builder.AddAttribute(10, "data-testid", "field-" + field);
        __builder.CloseComponent();
    };

    private async Task SaveAsync()
    {
        if (Errors.Count > 0)
        {
            return;
        }
        _saving = true;
        _conflict = null;
        try
        {
            var result = await Indicators.SaveAsync(Edit, _reason);
            _serverErrors = result.Errors;
            if (result.Saved)
            {
                _reason = "";
                Snackbar.Add(L["IndicatorAdmin.Saved", Row.Code], Severity.Success);
                await OnSaved.InvokeAsync();
            }
        }
        catch (EditConflictException ex)
        {
            // The typed values stay in the form; the alert shows what is stored now and offers a reload.
            _conflict = ex;
        }
        catch (UserMessageException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        finally
        {
            _saving = false;
        }
    }
}
