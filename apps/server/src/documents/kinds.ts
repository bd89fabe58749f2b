/** Every kind of document of the register, with the capability that writes it. */
import type { DocumentKind } from '@cqtt/domain';
import { budgetProposalKind } from '../budget/proposal.ts';
import { registrationLetterKind, selfAssessmentReportKind } from '../criteria/documents.ts';
import { planDocumentKind } from '../plans/document.ts';
import { reviewReportKind, yearlyReportKind } from '../reports/documents.ts';
import type { DocumentKindHandler } from './kind.ts';

export function handlerOf(kind: DocumentKind): DocumentKindHandler {
  // each handler reads and renders its own data; the service passes it through untouched
  // biome-ignore lint/suspicious/noExplicitAny: the registry holds handlers of every data shape.
  const handlers: Record<DocumentKind, DocumentKindHandler<any>> = {
    plan: planDocumentKind,
    'registration-letter': registrationLetterKind,
    'self-assessment-report': selfAssessmentReportKind,
    'yearly-report': yearlyReportKind,
    'review-report': reviewReportKind,
    'budget-proposal': budgetProposalKind,
  };
  return handlers[kind] as DocumentKindHandler;
}
