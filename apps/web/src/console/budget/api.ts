import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { BudgetDetail, BudgetSource, BudgetSummary } from './types';

const enc = encodeURIComponent;

export interface BudgetFilter {
  communeId?: string;
  year?: number;
  unitId?: string;
  q?: string;
}

export function useBudgets(filter: BudgetFilter, enabled = true) {
  return useQuery({
    queryKey: ['budgets', filter],
    queryFn: () => api.get<BudgetSummary[]>('/api/budgets', { ...filter }),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useBudget(id: string | undefined) {
  return useQuery({
    queryKey: ['budget', id ?? ''],
    queryFn: () => api.get<BudgetDetail>(`/api/budgets/${enc(id ?? '')}`),
    enabled: Boolean(id),
  });
}

/** Every write answers the whole estimate; the lists are refreshed with it. */
function useBudgetWrite<V>(send: (v: V) => Promise<BudgetDetail>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (detail) => {
      client.setQueryData(['budget', detail.id], detail);
      void client.invalidateQueries({ queryKey: ['budgets'] });
    },
  });
}

export interface EstimateInput {
  communeId?: string;
  year: number;
  title: string;
  unitId?: string | null;
  note?: string;
}
export const useCreateBudget = () =>
  useBudgetWrite((input: EstimateInput) => api.post<BudgetDetail>('/api/budgets', input));

export interface LineInput {
  content: string;
  amount: number;
  source: BudgetSource;
  note?: string;
}
export const useAddLine = (id: string) =>
  useBudgetWrite((input: LineInput) => api.post<BudgetDetail>(`/api/budgets/${enc(id)}/lines`, input));
export const useUpdateLine = () =>
  useBudgetWrite(({ lineId, ...input }: Partial<LineInput> & { lineId: string }) =>
    api.patch<BudgetDetail>(`/api/budget-lines/${enc(lineId)}`, input),
  );
export const useDeleteLine = () =>
  useBudgetWrite((lineId: string) => api.delete<BudgetDetail>(`/api/budget-lines/${enc(lineId)}`));
export const useSubmitBudget = (id: string) =>
  useBudgetWrite(() => api.post<BudgetDetail>(`/api/budgets/${enc(id)}/submit`));
export const useApproveBudget = (id: string) =>
  useBudgetWrite((input: { lines: Array<{ lineId: string; approvedAmount: number }>; note?: string }) =>
    api.post<BudgetDetail>(`/api/budgets/${enc(id)}/approve`, input),
  );
export const useReturnBudget = (id: string) =>
  useBudgetWrite((reason: string) => api.post<BudgetDetail>(`/api/budgets/${enc(id)}/return`, { reason }));

export interface SpendingInput {
  spentOn: string;
  amount: number;
  content: string;
  overReason?: string;
  fileIds?: string[];
}
export const useAddSpending = () =>
  useBudgetWrite(({ lineId, ...input }: SpendingInput & { lineId: string }) =>
    api.post<BudgetDetail>(`/api/budget-lines/${enc(lineId)}/spendings`, input),
  );
export const useDeleteSpending = () =>
  useBudgetWrite((spendingId: string) =>
    api.delete<BudgetDetail>(`/api/budget-spendings/${enc(spendingId)}`),
  );
