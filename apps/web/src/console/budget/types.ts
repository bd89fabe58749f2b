export type BudgetSource = 'commune' | 'city' | 'other';
export type BudgetStatus = 'draft' | 'submitted' | 'approved';

export interface BudgetTotals {
  estimated: number;
  approved: number;
  spent: number;
  remaining: number;
}

export interface BudgetSummary {
  id: string;
  communeId: string;
  year: number;
  title: string;
  status: BudgetStatus;
  unit: { id: string; code: string; name: string } | null;
  lineCount: number;
  totals: BudgetTotals;
  updatedAt: string;
}

export interface BudgetSpending {
  id: string;
  spentOn: string;
  amount: number;
  content: string;
  overReason: string | null;
  files: Array<{ id: string; name: string; size: number; mime: string }>;
  createdBy: { id: string; fullName: string } | null;
}

export interface BudgetLine {
  id: string;
  number: number;
  content: string;
  amount: number;
  source: BudgetSource;
  sourceLabel: string;
  approvedAmount: number | null;
  note: string;
  spent: number;
  remaining: number;
  overspent: boolean;
  spendings: BudgetSpending[];
}

export interface BudgetDetail extends BudgetSummary {
  note: string;
  decisionNote: string;
  submittedAt: string | null;
  submittedBy: { id: string; fullName: string } | null;
  decidedAt: string | null;
  decidedBy: { id: string; fullName: string } | null;
  lines: BudgetLine[];
}
