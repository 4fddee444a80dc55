import { t } from '../core/i18n';
import { PIPELINE_DEFAULTS, PIPELINE_NAMES, type OtherPipeline } from '../core/settings';
import { CREDENTIAL_FIELDS, type AccountFieldErrors, type AccountForm } from './validate-account';
import { Field } from './Field';

interface Props {
  pipeline: OtherPipeline;
  form: AccountForm;
  errors: AccountFieldErrors;
  set: (field: keyof AccountForm) => (value: string) => void;
}

/** A Fivetran, Airbyte or Stitch account's API base, app address and credentials. */
export function PipelineFields({ pipeline, form, errors, set }: Props) {
  const name = PIPELINE_NAMES[pipeline];
  return (
    <>
      <Field
        id="apiBase"
        label={t('options_api_base')}
        value={form.apiBase}
        error={errors.apiBase}
        onValue={set('apiBase')}
        required
        hint={t('options_api_base_hint', name)}
      />
      <Field
        id="appHost"
        label={t('options_app_address')}
        value={form.appHost}
        error={errors.appHost}
        onValue={set('appHost')}
        required
        hint={t('options_app_address_hint', name, PIPELINE_DEFAULTS[pipeline].appOrigin)}
      />
      <fieldset aria-describedby="credentials-hint">
        <legend>{t('options_credentials')}</legend>
        <p class="muted hint" id="credentials-hint">
          {pipeline === 'airbyte' && `${t('options_airbyte_credentials_hint')} `}
          {t('options_credentials_hint')}
        </p>
        {CREDENTIAL_FIELDS[pipeline].map(([field, label]) => (
          <Field
            key={field}
            id={field}
            label={t(label)}
            value={form[field]}
            error={errors[field]}
            onValue={set(field)}
            type="password"
            autoComplete="off"
          />
        ))}
      </fieldset>
    </>
  );
}
